//go:build race

package mxplatformtest

// raceDetector reports whether the tests run with the race detector, whose runtime allocates
// more than the normal one.
const raceDetector = true
