package mxplatformtest

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The merchants of the fake are those its generated transactions are made with: every
// merchant with a merchant category code below is one of MX's merchants (listMerchants,
// readMerchant), and each of its statement descriptors (raw) is one of its locations
// (readMerchantLocation). Their GUIDs are derived from their names, and their locations placed
// in the towns of places, so that they are the same in every fake.

// merchant is where money is spent.
type merchant struct {
	name, raw string // description and original description (the statement descriptor)
	website   string
	cat       string // the default category of its transactions
	mcc       int
	lo, hi    int64 // amount range, cents
	recurring bool
	sub       bool // a subscription
	bill      bool
}

// merchantsAddedAt is when every merchant of the fake was added to MX.
var merchantsAddedAt = time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC)

var spending = []merchant{
	{name: "Whole Foods", raw: "WHOLEFDS TSQ 102", website: "https://www.wholefoodsmarket.com", cat: "Groceries", mcc: 5411, lo: 1800, hi: 16000},
	{name: "Trader Joe's", raw: "TRADER JOE S #552", website: "https://www.traderjoes.com", cat: "Groceries", mcc: 5411, lo: 1500, hi: 9000},
	{name: "Safeway", raw: "SAFEWAY #1711", website: "https://www.safeway.com", cat: "Groceries", mcc: 5411, lo: 1200, hi: 12000},
	{name: "Chipotle", raw: "CHIPOTLE 0923", website: "https://www.chipotle.com", cat: "Fast Food", mcc: 5814, lo: 900, hi: 2400},
	{name: "Starbucks", raw: "STARBUCKS STORE 10284", website: "https://www.starbucks.com", cat: "Coffee Shops", mcc: 5814, lo: 350, hi: 1200},
	{name: "Olive Garden", raw: "OLIVE GARDEN 0034", website: "https://www.olivegarden.com", cat: "Restaurants", mcc: 5812, lo: 2800, hi: 9500},
	{name: "Shell", raw: "SHELL OIL 57444", website: "https://www.shell.us", cat: "Gas", mcc: 5541, lo: 2500, hi: 7500},
	{name: "Chevron", raw: "CHEVRON 0306417", website: "https://www.chevron.com", cat: "Gas", mcc: 5541, lo: 2500, hi: 7000},
	{name: "Metro Transit", raw: "METRO TRANSIT FARE", website: "https://www.rideuta.com", cat: "Public Transportation", mcc: 4111, lo: 250, hi: 2500},
	{name: "Target", raw: "TARGET 00021", website: "https://www.target.com", cat: "Clothing", mcc: 5311, lo: 1500, hi: 14000},
	{name: "Amazon", raw: "AMZN MKTP US*2K4", website: "https://www.amazon.com", cat: "Books", mcc: 5942, lo: 999, hi: 25000},
	{name: "CVS Pharmacy", raw: "CVS/PHARMACY #0412", website: "https://www.cvs.com", cat: "Pharmacy", mcc: 5912, lo: 600, hi: 6000},
}

var monthly = []merchant{
	{name: "Netflix", raw: "NETFLIX.COM", website: "https://www.netflix.com", cat: "Movies & DVDs", mcc: 4899, lo: 1549, hi: 1549, recurring: true, sub: true},
	{name: "Spotify", raw: "SPOTIFY USA", website: "https://www.spotify.com", cat: "Music", mcc: 5735, lo: 1099, hi: 1099, recurring: true, sub: true},
	{name: "Planet Fitness", raw: "PLANET FITNESS CLUB", website: "https://www.planetfitness.com", cat: "Gym", mcc: 7997, lo: 2499, hi: 2499, recurring: true, sub: true},
	{name: "Verizon Wireless", raw: "VZWRLSS*APOCC VISB", website: "https://www.verizon.com", cat: "Mobile Phone", mcc: 4814, lo: 6500, hi: 9500, recurring: true, bill: true},
	{name: "Comcast", raw: "COMCAST CABLE COMM", website: "https://www.xfinity.com", cat: "Internet", mcc: 4899, lo: 7999, hi: 7999, recurring: true, bill: true},
	{name: "City Power & Light", raw: "CITY POWER LIGHT UTIL", website: "https://www.citypowerlight.example", cat: "Utilities", mcc: 4900, lo: 6000, hi: 18000, recurring: true, bill: true},
}

// merchantGUID and locationGUID are the GUIDs of a merchant and of one of its locations.
func merchantGUID(name string) mxplatform.MerchantGUID {
	return mxplatform.MerchantGUID(stableGUID("MCH", name))
}

func locationGUID(raw string) mxplatform.MerchantLocationGUID {
	return mxplatform.MerchantLocationGUID(stableGUID("MCL", raw))
}

// merchantAPI renders a merchant.
func (m merchant) api() mxplatform.Merchant {
	return mxplatform.Merchant{
		GUID: merchantGUID(m.name), Name: m.name, WebsiteURL: m.website,
		LogoURL:   "https://content.mx.com/logos/merchants/" + string(merchantGUID(m.name)) + ".png",
		CreatedAt: timestamp(merchantsAddedAt), UpdatedAt: timestamp(merchantsAddedAt),
	}
}

// location is a place of business of a merchant, derived from its statement descriptor: a
// street of one of the towns of places, coordinates a little off the town's centre.
func (m merchant) location() mxplatform.MerchantLocation {
	h := fnv.New32a()
	h.Write([]byte(m.raw))
	n := h.Sum32()
	p := places[n%uint32(len(places))]
	streets := []string{"Main Street", "State Street", "Center Street", "University Avenue", "Canyon Road"}
	return mxplatform.MerchantLocation{
		GUID: locationGUID(m.raw), MerchantGUID: merchantGUID(m.name),
		StreetAddress: fmt.Sprintf("%d %s", 100+n%900, streets[(n/7)%uint32(len(streets))]),
		City:          p.city, State: "UT", PostalCode: p.postalCode, Country: "US",
		Latitude:    opt(p.lat + float64(int(n%200)-100)/10000),
		Longitude:   opt(p.lon + float64(int((n/200)%200)-100)/10000),
		PhoneNumber: fmt.Sprintf("801-555-%04d", n%10000),
		CreatedAt:   timestamp(merchantsAddedAt), UpdatedAt: timestamp(merchantsAddedAt),
	}
}

// merchantCatalogue is every merchant of the fake, sorted by name, and its locations by GUID.
var merchantCatalogue, merchantLocations = func() ([]merchant, map[mxplatform.MerchantLocationGUID]mxplatform.MerchantLocation) {
	all := slices.Concat(spending, monthly, []merchant{rent})
	slices.SortFunc(all, func(a, b merchant) int { return cmp.Compare(a.name, b.name) })
	locs := map[mxplatform.MerchantLocationGUID]mxplatform.MerchantLocation{}
	for _, m := range all {
		l := m.location()
		locs[l.GUID] = l
	}
	return all, locs
}()

// merchantByGUID returns the merchant with the GUID.
func merchantByGUID(g mxplatform.MerchantGUID) (merchant, bool) {
	for _, m := range merchantCatalogue {
		if merchantGUID(m.name) == g {
			return m, true
		}
	}
	return merchant{}, false
}

// merchantsNamed lists the merchants whose name contains name, case-insensitively (all for
// none).
func merchantsNamed(name *string) []mxplatform.Merchant {
	want := strings.ToLower(strings.TrimSpace(deref(name)))
	var out []mxplatform.Merchant
	for _, m := range merchantCatalogue {
		if strings.Contains(strings.ToLower(m.name), want) {
			out = append(out, m.api())
		}
	}
	return out
}
