package mxplatformtest

import (
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// What a verification (verifyMember) and an identification (identifyMember) gather: the full
// account and routing numbers of the member's deposit accounts, and the owners of its accounts.
// Both are derived from the fake's seed, the member's login and the account's name and number,
// so that the same login gives the same numbers and owners in every fake with the same seed.
// Reading them before the job has run gives an empty list, as MX has nothing to give then.

// accountNumberRec is the numbers of an account, as the latest verification gathered them.
type accountNumberRec struct {
	guid mxplatform.AccountNumberGUID
	data mxplatform.AccountNumber
}

// accountOwnerRec is an owner of an account, as the latest identification gathered them.
type accountOwnerRec struct {
	guid mxplatform.AccountOwnerGUID
	data mxplatform.AccountOwner
}

// accountHash hashes the seed, the member's login and the account, the key of its made-up
// numbers and owners.
func accountHash(seed int64, a *accountRec, salt string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%s/%s/%s/%s", seed, a.member.inst.code(), a.member.login(), a.data.Name, a.data.AccountNumber, salt)
	return h.Sum64()
}

// memberHash hashes the seed and the member's login, the key of what is the same for all of
// its accounts.
func memberHash(seed int64, m *memberRec, salt string) uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%s/%s/%s", seed, m.inst.code(), m.login(), salt)
	return h.Sum64()
}

// verifiable reports whether verification gathers numbers for the account: deposit accounts,
// the ones that money moves in and out of.
func verifiable(a *accountRec) bool {
	return a.data.Type == mxplatform.AccountTypeChecking || a.data.Type == mxplatform.AccountTypeSavings
}

// routingNumber returns a nine-digit ABA routing number for the institution whose check digit
// is right: 3, 7 and 1 times the digits, in turn, sum to a multiple of 10.
func routingNumber(code mxplatform.InstitutionCode) string {
	h := fnv.New32a()
	h.Write([]byte(code))
	n := h.Sum32()
	// A Federal Reserve district prefix (01 to 12) and six digits.
	digits := fmt.Sprintf("%02d%06d", 1+n%12, (n/12)%1000000)
	weights := []int{3, 7, 1, 3, 7, 1, 3, 7}
	sum := 0
	for i, c := range digits {
		sum += int(c-'0') * weights[i]
	}
	return digits + fmt.Sprint((10-sum%10)%10)
}

// verifyAccounts gathers the numbers of the member's deposit accounts: the account number ends
// with the four digits the account shows, the routing number is the institution's (in Canada,
// an institution and a transit number instead). An account keeps its record, and its GUID,
// across verifications.
func (f *Fake) verifyAccounts(m *memberRec) {
	canadian := m.inst.ISOCountryCode == mxplatform.InstitutionCountryCodeCA
	for _, a := range m.accs {
		if !verifiable(a) || a.data.IsManual.Value() {
			continue
		}
		h := accountHash(f.cfg.seed, a, "number")
		last4 := a.data.AccountNumber
		if len(last4) > 4 {
			last4 = last4[len(last4)-4:]
		}
		data := mxplatform.AccountNumber{
			AccountNumber:    fmt.Sprintf("%06d%s", h%1000000, last4),
			PassedValidation: opt(true),
		}
		if canadian {
			data.InstitutionNumber = "003"
			data.TransitNumber = fmt.Sprintf("%05d", (h/1000000)%100000)
		} else {
			data.RoutingNumber = routingNumber(m.inst.code())
		}
		if a.number == nil {
			a.number = &accountNumberRec{guid: mxplatform.AccountNumberGUID(f.st.newGUID("ACN"))}
		}
		a.number.data = data
	}
}

// api renders the numbers of the account.
func (n *accountNumberRec) api(a *accountRec) mxplatform.AccountNumber {
	out := n.data
	out.GUID = n.guid
	out.AccountGUID = a.guid
	out.MemberGUID = a.member.guid
	out.UserGUID = a.member.user.guid
	return out
}

// accountNumbersOf renders the numbers gathered for the accounts.
func accountNumbersOf(accounts []*accountRec) []mxplatform.AccountNumber {
	out := []mxplatform.AccountNumber{}
	for _, a := range accounts {
		if a.number != nil {
			out = append(out, a.number.api(a))
		}
	}
	return out
}

// person is an account owner the identification finds.
type person struct{ first, last, street, city, state, postal string }

var people = []person{
	{"Ada", "Lovelace", "12 Juniper Lane", "Salt Lake City", "UT", "84101"},
	{"Grace", "Hopper", "405 Maple Avenue", "Provo", "UT", "84601"},
	{"Alan", "Turing", "77 Canyon Road", "Orem", "UT", "84057"},
	{"Katherine", "Johnson", "9 Center Street", "Lehi", "UT", "84043"},
	{"Edsger", "Dijkstra", "230 State Street", "Sandy", "UT", "84070"},
	{"Barbara", "Liskov", "58 University Avenue", "Park City", "UT", "84060"},
}

// identifyAccounts gathers the owners of the member's accounts: the same person, picked by the
// member's login, owns every account; a savings account is also owned by a second person,
// jointly. first_name and last_name stay null, as MX sends them unless it splits names for the
// partner.
func (f *Fake) identifyAccounts(m *memberRec) {
	for i, a := range m.accs {
		if a.data.IsManual.Value() {
			continue
		}
		h := memberHash(f.cfg.seed, m, "owner")
		owners := []person{people[h%uint64(len(people))]}
		if a.data.Type == mxplatform.AccountTypeSavings {
			owners = append(owners, people[(h+1+uint64(i))%uint64(len(people))])
		}
		old := a.owners
		a.owners = nil
		for j, p := range owners {
			rec := accountOwnerRec{data: mxplatform.AccountOwner{
				OwnerName: p.first + " " + p.last, Address: p.street, City: p.city, State: p.state,
				PostalCode: p.postal, Country: "US",
				Email: strings.ToLower(p.first+"."+p.last) + "@example.com",
				Phone: fmt.Sprintf("801-555-%04d", (h>>8+uint64(j))%10000),
			}}
			if j < len(old) {
				rec.guid = old[j].guid
			} else {
				rec.guid = mxplatform.AccountOwnerGUID(f.st.newGUID("ACO"))
			}
			a.owners = append(a.owners, rec)
		}
		if len(owners) > 1 {
			a.data.AccountOwnership = mxplatform.AccountOwnershipJoint
		}
	}
}

// accountOwnersOf renders the owners gathered for the accounts.
func accountOwnersOf(accounts []*accountRec) []mxplatform.AccountOwner {
	out := []mxplatform.AccountOwner{}
	for _, a := range accounts {
		for _, o := range a.owners {
			data := o.data
			data.GUID = o.guid
			data.AccountGUID = a.guid
			data.MemberGUID = a.member.guid
			data.UserGUID = a.member.user.guid
			out = append(out, data)
		}
	}
	return out
}
