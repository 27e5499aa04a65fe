package mxplatformtest

import (
	"net/http"
	"strings"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
)

// MX's default categories are the tree of package mxplatform (mxplatform.Categories): each
// top-level category, then its subcategories. Their GUIDs are derived from their names, so that
// they are the same in every fake; Groceries keeps the GUID of MX's own examples. A user adds
// custom categories under a top-level one (createCategory); transactions take either kind.

// category is a default category of MX's tree.
type category struct {
	name, top string
	guid      mxplatform.CategoryGUID
	topGUID   mxplatform.CategoryGUID
}

// groceriesGUID is the GUID of Groceries in MX's examples.
const groceriesGUID mxplatform.CategoryGUID = "CAT-9588eaad-90a4-bb5c-66c8-1812503d0db8"

// categoryGUID is the GUID of the default category with the name.
func categoryGUID(name string) mxplatform.CategoryGUID {
	if name == "Groceries" {
		return groceriesGUID
	}
	return mxplatform.CategoryGUID(stableGUID("CAT", name))
}

func newCategory(name, top string) category {
	return category{name: name, top: top, guid: categoryGUID(name), topGUID: categoryGUID(top)}
}

// isTop reports whether the category is a top-level one.
func (c category) isTop() bool { return c.guid == c.topGUID }

// defaultCategoryList is MX's tree in its order: each top-level category before its
// subcategories.
var defaultCategoryList = func() []category {
	var out []category
	for _, g := range mxplatform.Categories() {
		out = append(out, newCategory(g.TopLevel, g.TopLevel))
		for _, name := range g.Categories {
			out = append(out, newCategory(name, g.TopLevel))
		}
	}
	return out
}()

// categories are the default categories by GUID.
var categories = func() map[mxplatform.CategoryGUID]category {
	m := map[mxplatform.CategoryGUID]category{}
	for _, c := range defaultCategoryList {
		m[c.guid] = c
	}
	return m
}()

// defaultCategory returns the default category with the name; the generator names only
// categories of the tree, so a missing one is a bug of the fake.
func defaultCategory(name string) category {
	c, ok := categories[categoryGUID(name)]
	if !ok {
		panic("mxplatformtest: no default category " + name)
	}
	return c
}

// api renders a default category: is_default true, no parent for a top-level category, no
// times (MX's default categories have none).
func (c category) api() mxplatform.Category {
	out := mxplatform.Category{GUID: c.guid, Name: c.name, IsDefault: opt(true), IsIncome: opt(c.top == "Income")}
	if !c.isTop() {
		out.ParentGUID = c.topGUID
	}
	return out
}

// defaultCategoriesAPI renders the whole tree.
func defaultCategoriesAPI() []mxplatform.Category {
	out := make([]mxplatform.Category, len(defaultCategoryList))
	for i, c := range defaultCategoryList {
		out[i] = c.api()
	}
	return out
}

// categoryRec is a custom category of a user: a subcategory of a top-level default category.
type categoryRec struct {
	guid                 mxplatform.CategoryGUID
	user                 *userRec
	name, metadata       string
	parent               category
	createdAt, updatedAt time.Time
}

func (c *categoryRec) api() mxplatform.Category {
	return mxplatform.Category{
		GUID: c.guid, Name: c.name, Metadata: c.metadata, ParentGUID: c.parent.guid,
		IsDefault: opt(false), IsIncome: opt(c.parent.top == "Income"),
		CreatedAt: timestamp(c.createdAt), UpdatedAt: timestamp(c.updatedAt),
	}
}

// customCategory returns a custom category of the user: 404 for an unknown GUID, 400 for a
// default category, which cannot be changed.
func (s *store) customCategory(u *userRec, g mxplatform.CategoryGUID) (*categoryRec, error) {
	if c, ok := s.categories[g]; ok && c.user == u {
		return c, nil
	}
	if _, ok := categories[g]; ok {
		return nil, errDefaultCategory
	}
	return nil, errCategoryNotFound
}

// errDefaultCategory refuses changes to MX's default categories.
var errDefaultCategory = &apiError{status: http.StatusBadRequest, message: "Default categories cannot be changed or deleted: only a user's custom categories can."}

// createCategory adds a custom category under a top-level default category.
func (f *Fake) createCategory(u *userRec, in mxplatform.CategoryCreateRequest, now time.Time) (*categoryRec, error) {
	name := strings.TrimSpace(in.Name)
	if name == "" {
		return nil, errorf(http.StatusBadRequest, "A category needs a name.")
	}
	parent, ok := categories[in.ParentGUID]
	if !ok {
		return nil, errorf(http.StatusBadRequest, "Unrecognized parent_guid %q: it must name a top-level default category.", in.ParentGUID)
	}
	if !parent.isTop() {
		return nil, errorf(http.StatusBadRequest, "parent_guid %q names %s, a subcategory: custom categories go under a top-level category (%s).", in.ParentGUID, parent.name, parent.top)
	}
	c := &categoryRec{
		guid: mxplatform.CategoryGUID(f.st.newGUID("CAT")), user: u, name: name, metadata: deref(in.Metadata),
		parent: parent, createdAt: now, updatedAt: now,
	}
	f.st.categories[c.guid] = c
	u.categories = append(u.categories, c)
	return c, nil
}

// deleteCategory removes a custom category; its transactions fall back to its parent, and
// what was kept for it (its budget, the rules and plan items that name it) goes.
func (f *Fake) deleteCategory(c *categoryRec, now time.Time) {
	f.st.dropReferences(string(c.user.guid), "CategoryGUID", string(c.guid))
	for _, a := range userAccounts(c.user) {
		for _, t := range a.txns {
			if t.data.CategoryGUID == c.guid {
				t.data.CategoryGUID, t.data.Category, t.data.TopLevelCategory = c.parent.guid, c.parent.name, c.parent.top
				t.updatedAt = now
			}
		}
	}
	delete(f.st.categories, c.guid)
	u := c.user
	for i, x := range u.categories {
		if x == c {
			u.categories = append(u.categories[:i:i], u.categories[i+1:]...)
			break
		}
	}
}
