package webhook

// SetBy names the source that last set a field of an account (the `*_set_by` fields of the
// webhook account). MX sends it as a string; the Nexus API sends the same sources as codes.
// Values other than the constants below keep their text.
type SetBy string

// The sources the MX documents name.
const (
	SetByFeed   SetBy = "FEED"   // the data provider's feed
	SetByUser   SetBy = "USER"   // the end user
	SetBySystem SetBy = "SYSTEM" // MX itself
)
