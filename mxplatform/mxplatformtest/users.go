package mxplatformtest

import (
	"net/http"
	"strings"

	"github.com/mxsdk/mx-go/mxplatform"
)

// The users, whichever version a request came in; and the targets of widget URLs.

// addUser stores a new user, under f.mu. A partner-defined id must be unique among the users
// (409 otherwise).
func (f *Fake) addUser(data mxplatform.User) (*userRec, error) {
	if data.ID != "" {
		if _, dup := f.st.userIDs[data.ID]; dup {
			return nil, errorf(http.StatusConflict, "A user with the id %q already exists.", data.ID)
		}
	}
	data.GUID = ""
	u := &userRec{seq: f.st.next(), guid: mxplatform.UserGUID(f.st.newGUID("USR")), data: data}
	f.st.users[u.guid] = u
	if data.ID != "" {
		f.st.userIDs[data.ID] = u
	}
	return u, nil
}

// newUserData is the user a create request describes.
func newUserData(in mxplatform.UserCreateRequest) mxplatform.User {
	return mxplatform.User{Email: deref(in.Email), ID: deref(in.ID), IsDisabled: opt(deref(in.IsDisabled)), Metadata: deref(in.Metadata)}
}

// updateUser sets the fields given; a new partner-defined id must be free (409).
func (f *Fake) updateUser(u *userRec, in mxplatform.UserUpdateRequest) error {
	if in.ID != nil && *in.ID != u.data.ID && *in.ID != "" {
		if _, dup := f.st.userIDs[*in.ID]; dup {
			return errorf(http.StatusConflict, "A user with the id %q already exists.", *in.ID)
		}
	}
	if in.ID != nil {
		delete(f.st.userIDs, u.data.ID)
		u.data.ID = *in.ID
		if u.data.ID != "" {
			f.st.userIDs[u.data.ID] = u
		}
	}
	setValue(&u.data.Email, in.Email)
	setValue(&u.data.Metadata, in.Metadata)
	if in.IsDisabled != nil {
		u.data.IsDisabled = opt(*in.IsDisabled)
	}
	return nil
}

// usersFilter is what listUsers narrows the users by.
type usersFilter struct {
	id       *mxplatform.UserID
	email    *string
	disabled *bool
}

// users lists the users in creation order, narrowed by the filter; the email address matches
// without regard to case.
func (f *Fake) users(flt usersFilter) []mxplatform.User {
	var all []*userRec
	for _, u := range f.st.users {
		all = append(all, u)
	}
	sortBySeq(all, func(u *userRec) uint64 { return u.seq })
	out := []mxplatform.User{}
	for _, u := range all {
		switch {
		case flt.id != nil && u.data.ID != *flt.id,
			flt.email != nil && !strings.EqualFold(u.data.Email, *flt.email),
			flt.disabled != nil && u.data.IsDisabled.Value() != *flt.disabled:
			continue
		}
		out = append(out, u.api())
	}
	return out
}

// checkWidgetTargets checks the member and institution a widget is asked to load: a member of
// the user, a known institution (404 otherwise).
func (f *Fake) checkWidgetTargets(u *userRec, member *mxplatform.MemberGUID, code *mxplatform.InstitutionCode, guid *mxplatform.InstitutionGUID) error {
	if member != nil {
		if _, err := f.st.memberOf(u, string(*member), false); err != nil {
			return err
		}
	}
	if code != nil {
		if _, err := f.st.institution(*code); err != nil {
			return err
		}
	}
	if guid != nil {
		if _, ok := f.st.instByGUID[*guid]; !ok {
			return errUnknownInstitution
		}
	}
	return nil
}

// widgetURL returns a single-use URL of the widget, served by the fake as a stand-in page.
func (f *Fake) widgetURL(base, typ string) string {
	return base + widgetPath + typ + "/" + f.token()
}
