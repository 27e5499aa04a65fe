package mxplatform

import "strconv"

// SetBy says which source last set a field of an account (the `*_set_by` fields). MX names two
// codes; others exist and keep their number.
type SetBy int

// The documented SetBy codes.
const (
	SetByFeed   SetBy = 1 // the data provider's feed
	SetBySystem SetBy = 3 // MX itself
)

// String returns FEED or SYSTEM for the documented codes and the number for others.
func (s SetBy) String() string {
	switch s {
	case SetByFeed:
		return "FEED"
	case SetBySystem:
		return "SYSTEM"
	}
	return strconv.Itoa(int(s))
}
