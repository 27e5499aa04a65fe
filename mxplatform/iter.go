package mxplatform

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
)

// DefaultPageSize is the records_per_page [Paginate] asks for when told none. The List...Iter
// methods ask for the largest page their operation allows (100 or 1000), so that a listing costs
// as few requests as it can (MX limits startup partners to 100 requests a minute).
const DefaultPageSize = 100

// MaxPages bounds how many pages an iterator fetches: a million records at DefaultPageSize, far
// beyond any real list, so that a server whose pagination never ends cannot keep an iterator
// running forever.
const MaxPages = 10_000

// maxPrefetch bounds WithPrefetch.
const maxPrefetch = 8

// ErrPagination is reported by an iterator when a page contradicts the request (a page that is
// not the one asked for, or that holds more records than records_per_page allows) or the list
// exceeds [MaxPages].
var ErrPagination = errors.New("mxplatform: inconsistent pagination")

// WithPrefetch makes a List...Iter method request up to pages pages ahead of the one the loop is
// working on, concurrently, so that the next page is ready when the loop reaches it. pages is at
// most 8; 0 (the default) fetches each page only when the loop needs it.
//
// Prefetching is off by default because MX counts requests (100 a minute for startup partners):
// without it every request serves the loop, while a loop that stops early wastes up to pages
// prefetched requests. Turn it on when the loop does real work per page or latency matters more
// than the request budget. With prefetching, [CaptureResponse] records the first page only.
func WithPrefetch(pages int) CallOption {
	return func(c *callSettings) { c.prefetch = max(0, min(pages, maxPrefetch)) }
}

// PageFetcher reads one page of a list: its records and its pagination.
type PageFetcher[T any] func(ctx context.Context, page, perPage int, opts []CallOption) ([]T, Pagination, error)

// Paginate iterates over the records of every page that fetch reads, from page (1 when 0 or
// less) with perPage records a page (DefaultPageSize when 0 or less); the List...Iter methods
// are built on it, and it serves any list read with [API.Do]. It stops after the last page
// (total_pages), at an empty page, when the loop breaks, or at the first error, which it yields
// once. The options are those of the calls (see [WithPrefetch]).
//
// MX pages by offset, so a record added or removed while the pages are read shifts the later
// pages: a record may come again on the next page, and another be skipped. key (the GUID, or
// another identifier of the records; nil when they have none) lets Paginate yield each record
// once: a record whose key was already yielded is left out.
func Paginate[T any](ctx context.Context, page, perPage int, key func(T) string, fetch PageFetcher[T], opts ...CallOption) iter.Seq2[T, error] {
	first, size := 1, DefaultPageSize
	if page > 0 {
		first = page
	}
	if perPage > 0 {
		size = perPage
	}
	var cs callSettings
	for _, o := range opts {
		if o != nil {
			o(&cs)
		}
	}
	if cs.prefetch > 0 {
		return prefetchPages(ctx, first, size, cs.prefetch, key, opts, fetch)
	}
	return func(yield func(T, error) bool) {
		var zero T
		emit := once(key, yield)
		for page := first; ; page++ {
			if page-first >= MaxPages {
				yield(zero, fmt.Errorf("%w: more than %d pages", ErrPagination, MaxPages))
				return
			}
			items, p, err := fetch(ctx, page, size, opts)
			if err == nil && len(items) == 0 {
				return // an empty page ends the list whatever its pagination says
			}
			if err == nil {
				err = checkPage(p, page, len(items), size)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !emit(item) {
					return
				}
			}
			if page >= p.TotalPages {
				return
			}
		}
	}
}

// once returns a function that yields an item unless an item with the same key (when key is
// not nil and the key not empty) was yielded already, and reports whether to go on.
func once[T any](key func(T) string, yield func(T, error) bool) func(T) bool {
	if key == nil {
		return func(item T) bool { return yield(item, nil) }
	}
	seen := map[string]struct{}{}
	return func(item T) bool {
		if k := key(item); k != "" {
			if _, dup := seen[k]; dup {
				return true
			}
			seen[k] = struct{}{}
		}
		return yield(item, nil)
	}
}

// checkPage rejects a page whose pagination says it is not the page requested (following it
// could loop over the same page forever), or that holds more records than were asked for.
func checkPage(p Pagination, requested, records, perPage int) error {
	if p.CurrentPage != requested {
		return fmt.Errorf("%w: asked for page %d, got page %d", ErrPagination, requested, p.CurrentPage)
	}
	if records > perPage {
		return fmt.Errorf("%w: page %d holds %d records, more than the %d asked for", ErrPagination, requested, records, perPage)
	}
	return nil
}

type pageResult[T any] struct {
	items []T
	p     Pagination
	err   error
}

// prefetchPages is Paginate with up to depth pages requested ahead of the loop.
func prefetchPages[T any](ctx context.Context, first, size, depth int, key func(T) string, opts []CallOption, fetch PageFetcher[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		emit := once(key, yield)
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		defer func() {
			cancel()
			wg.Wait()
		}()
		// Concurrent pages must not share the caller's *http.Response destination.
		ahead := append(append([]CallOption(nil), opts...), func(c *callSettings) { c.response = nil })
		var queue []chan pageResult[T]
		launch := func(page int) {
			ch := make(chan pageResult[T], 1)
			queue = append(queue, ch)
			wg.Add(1)
			go func() {
				defer wg.Done()
				items, p, err := fetch(ctx, page, size, ahead)
				ch <- pageResult[T]{items, p, err}
			}()
		}

		items, p, err := fetch(ctx, first, size, opts)
		next := first + 1 // the next page to launch
		for page := first; ; page++ {
			if err == nil && len(items) == 0 {
				return
			}
			if err == nil {
				err = checkPage(p, page, len(items), size)
			}
			if err != nil {
				yield(zero, err)
				return
			}
			for next <= p.TotalPages && next <= page+depth && next-first < MaxPages {
				launch(next)
				next++
			}
			for _, item := range items {
				if !emit(item) {
					return
				}
			}
			if page >= p.TotalPages {
				return
			}
			if page+1-first >= MaxPages {
				yield(zero, fmt.Errorf("%w: more than %d pages", ErrPagination, MaxPages))
				return
			}
			if len(queue) == 0 {
				launch(next)
				next++
			}
			r := <-queue[0]
			queue = queue[1:]
			items, p, err = r.items, r.p, r.err
		}
	}
}

// Collect gathers every item of an iterator, stopping at its first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}

// CollectN gathers at most n items of an iterator and stops it there, so that a short list costs
// only the pages it needs.
func CollectN[T any](seq iter.Seq2[T, error], n int) ([]T, error) {
	var out []T
	if n <= 0 {
		return out, nil
	}
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
		if len(out) == n {
			break
		}
	}
	return out, nil
}
