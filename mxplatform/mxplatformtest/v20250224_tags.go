package mxplatformtest

import (
	"context"
	"net/http"
	"time"

	"github.com/mxsdk/mx-go/mxplatform"
	server25 "github.com/mxsdk/mx-go/mxplatform/mxplatformtest/internal/server/v20250224"
)

// Tags and taggings are plain resources, served by the engine (resources.go): a tag is a name of
// the user's choosing, a tagging puts one of the user's tags on one of the user's transactions
// (400 for a tag or a transaction of another user, 409 for a tag the transaction carries
// already). Deleting a tag deletes its taggings; deleting a transaction, its taggings.

func (f v20250224Handlers) ListTags(ctx context.Context, _ server25.ListTagsRequestObject) (server25.ListTagsResponseObject, error) {
	return serveResource[server25.ListTags200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateTag(ctx context.Context, _ server25.CreateTagRequestObject) (server25.CreateTagResponseObject, error) {
	return serveResource[server25.CreateTag200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadTag(ctx context.Context, _ server25.ReadTagRequestObject) (server25.ReadTagResponseObject, error) {
	return serveResource[server25.ReadTag200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateTag(ctx context.Context, _ server25.UpdateTagRequestObject) (server25.UpdateTagResponseObject, error) {
	return serveResource[server25.UpdateTag200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteTag(ctx context.Context, _ server25.DeleteTagRequestObject) (server25.DeleteTagResponseObject, error) {
	return serveResource[server25.DeleteTag204Response](ctx, f.Fake)
}

func (f v20250224Handlers) ListTaggings(ctx context.Context, _ server25.ListTaggingsRequestObject) (server25.ListTaggingsResponseObject, error) {
	return serveResource[server25.ListTaggings200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) CreateTagging(ctx context.Context, _ server25.CreateTaggingRequestObject) (server25.CreateTaggingResponseObject, error) {
	return serveResource[server25.CreateTagging200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) ReadTagging(ctx context.Context, _ server25.ReadTaggingRequestObject) (server25.ReadTaggingResponseObject, error) {
	return serveResource[server25.ReadTagging200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) UpdateTagging(ctx context.Context, _ server25.UpdateTaggingRequestObject) (server25.UpdateTaggingResponseObject, error) {
	return serveResource[server25.UpdateTagging200JSONResponse](ctx, f.Fake)
}

func (f v20250224Handlers) DeleteTagging(ctx context.Context, _ server25.DeleteTaggingRequestObject) (server25.DeleteTaggingResponseObject, error) {
	return serveResource[server25.DeleteTagging204Response](ctx, f.Fake)
}

// taggingHooks keep a tag on a transaction once, and say that the user manages the member.
func taggingHooks() resourceHooks {
	return resourceHooks{
		create: func(f *Fake, r *record, _ resourceScope, _ time.Time) error { return f.uniqueTagging(r, r.fields) },
		update: func(f *Fake, r *record, next map[string]any, _ time.Time) error { return f.uniqueTagging(r, next) },
		render: func(_ *Fake, _ *record, out map[string]any, _ time.Time) { out["member_is_managed_by_user"] = true },
	}
}

// uniqueTagging answers 409 when another tagging puts the same tag on the same transaction.
func (f *Fake) uniqueTagging(r *record, fields map[string]any) error {
	for _, o := range f.st.byKind[r.kind] {
		if o != r && o.owners["UserGUID"] == r.owners["UserGUID"] && o.fields["tag_guid"] == fields["tag_guid"] && o.fields["transaction_guid"] == fields["transaction_guid"] {
			return errorf(http.StatusConflict, "The transaction carries this tag already (tagging %s).", o.guid)
		}
	}
	return nil
}

// ListTransactionsByTag serves listTransactionsByTag: the transactions of the user that a
// tagging puts the tag on, in the window and order of listTransactions.
func (f v20250224Handlers) ListTransactionsByTag(_ context.Context, req server25.ListTransactionsByTagRequestObject) (server25.ListTransactionsByTagResponseObject, error) {
	p := req.Params
	now := f.begin()
	defer f.mu.Unlock()
	sc, err := f.resolveOwners([]string{"user_identifier"}, map[string]string{"user_identifier": req.UserIdentifier})
	if err != nil {
		return nil, err
	}
	tags := f.res.kinds["Tag"]
	if f.st.recordOf(f.Fake, tags, string(req.TagGUID), sc) == nil {
		return nil, notFound(tags)
	}
	var txns []*txnRec
	for _, tg := range f.st.recordsOf(f.Fake, f.res.kinds["Tagging"], sc) {
		if tg.str("tag_guid") == string(req.TagGUID) {
			if t, ok := f.st.txns[mxplatform.TransactionGUID(tg.str("transaction_guid"))]; ok {
				txns = append(txns, t)
			}
		}
	}
	q, err := txnParams{page: p.Page, perPage: p.RecordsPerPage, fromDate: p.FromDate, toDate: p.ToDate,
		fromCreated: p.FromCreatedAt, toCreated: p.ToCreatedAt, fromUpdated: p.FromUpdatedAt, toUpdated: p.ToUpdatedAt,
		includes: p.Includes, daysBack: daysBackV20250224, maxPerPage: maxPerPageWide}.query(now)
	if err != nil {
		return nil, err
	}
	items, pg := q.listOf(txns)
	return server25.ListTransactionsByTag200JSONResponse{Transactions: transactionsAPI(items, q.includes), Pagination: pg}, nil
}
