// Package baseline holds the models of api/platform-v20111101.yaml as a generator writes them by
// default: every optional field a pointer, text as plain strings, money as float64. The
// decoding benchmarks compare the models of package mxplatform with them. It must not be used
// to handle money: float64 loses cents.
package baseline
