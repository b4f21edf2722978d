package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"time"

	"github.com/lib/pq"
)

// Advisory lock keys (pg_advisory_lock(class, key)): locks are per database.
const (
	pgLockClass = 0x6e67 // "ng"
	pgLockInit  = 1      // held while a new database's tables are created
	pgLockWrite = 2      // the database's write lock (see pgWriteLock)
	// pgLockArticle is the class of the article locks: (pgLockArticle, a 32-bit hash of an
	// article's key). Two keys with one hash only make their writers take turns.
	pgLockArticle = 0x6e61 // "na"
)

// pgWriteLock is how the writers of one PostgreSQL database, in any process or machine,
// keep out of each other's way. It is two kinds of session advisory locks, each held on a
// connection of its own:
//
//   - the database's write lock (pgLockClass, pgLockWrite), held from the start of a write
//     (WriteArticles, Import, Forget, Merge, Unmerge), whose reads decide what to write, until
//     its last transaction commits. Writes that may change what is not their articles' own
//     (forget, merges, import, the completion of a killed operation) hold it exclusively and
//     take turns, as every write did before; article writes hold it shared, so that any
//     number of them run together while no exclusive writer runs.
//   - article locks (pgLockArticle, hash of a key), which an article write takes for the
//     articles of a batch (an article's IRI, and each of its LSH bands: see the store's
//     WriteArticles) before it reads their stored state, and gives back once the batch has
//     committed: two workers given the same article write it once (the second finds it
//     stored), and two copies of a wire story are written one after the other, so that the
//     second finds the first, as in one load.
//
// An article's quads are written in one transaction, so a reader sees all of an article or
// none of it, and a worker that dies mid-batch leaves nothing of that batch (PostgreSQL
// rolls the transaction back and releases the session's locks).
type pgWriteLock struct {
	db     *sql.DB
	conn   *sql.Conn             // the session holding the write lock, while held
	shared bool                  // whether it holds it shared
	arts   *sql.Conn             // the session holding article locks, while any
	err    atomic.Pointer[error] // why the lock could not be taken, while "held"
}

// acquire takes the write lock, shared or exclusive; on failure the error is the next
// ApplyDeltas's.
func (l *pgWriteLock) acquire(shared bool) {
	ctx := context.Background()
	fn := "pg_advisory_lock"
	if shared {
		fn = "pg_advisory_lock_shared"
	}
	conn, err := l.db.Conn(ctx)
	if err == nil {
		if _, err = conn.ExecContext(ctx, `SELECT `+fn+`($1, $2)`, pgLockClass, pgLockWrite); err != nil {
			conn.Close()
		}
	}
	if err != nil {
		err = fmt.Errorf("take the database's write lock: %w", err)
		l.err.Store(&err)
		return
	}
	l.conn, l.shared = conn, shared
}

// release gives back the article locks and the write lock.
func (l *pgWriteLock) release() {
	l.err.Store(nil)
	l.unlockArticles()
	if l.conn == nil {
		return
	}
	fn := "pg_advisory_unlock"
	if l.shared {
		fn = "pg_advisory_unlock_shared"
	}
	if _, err := l.conn.ExecContext(context.Background(), `SELECT `+fn+`($1, $2)`, pgLockClass, pgLockWrite); err != nil {
		// The session may still hold the lock: close it rather than give it back to the pool.
		l.conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	l.conn.Close()
	l.conn = nil
}

// failed returns the error of the last acquire, if the lock is not held because of it.
func (l *pgWriteLock) failed() error {
	if l == nil {
		return nil
	}
	if p := l.err.Load(); p != nil {
		return *p
	}
	return nil
}

// lockArticles takes the article locks of keys, waiting for the writers that hold them.
// They are taken in the order of their hashes, in one statement, so that two writers
// asking for overlapping sets do not each hold what the other waits for; should that happen
// all the same (PostgreSQL detects the deadlock), the locks are given back and asked for
// again.
func (l *pgWriteLock) lockArticles(ctx context.Context, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	ids := make(pq.Int64Array, 0, len(keys))
	for _, k := range keys {
		h := fnv.New32a()
		h.Write([]byte(k))
		ids = append(ids, int64(int32(h.Sum32())))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if l.arts == nil {
		conn, err := l.db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("take article locks: %w", err)
		}
		l.arts = conn
	}
	var err error
	for try := 0; try < 20; try++ {
		// The subquery's ORDER BY keeps it from being flattened into the aggregate's
		// input, so the locks are taken in that order.
		_, err = l.arts.ExecContext(ctx, `SELECT count(pg_advisory_lock($1, k)) FROM
			(SELECT DISTINCT k::int FROM unnest($2::bigint[]) AS u(k) ORDER BY 1) s`, pgLockArticle, ids)
		if err == nil || !pgRetryable(err) {
			break
		}
		// A lock taken before the deadlock is held still: none may be kept while waiting.
		if _, uerr := l.arts.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`); uerr != nil {
			l.dropArticleSession()
			return fmt.Errorf("take article locks: %w", uerr)
		}
		time.Sleep(time.Duration(10+rand.IntN(40)) * time.Millisecond)
	}
	if err != nil {
		l.unlockArticles()
		return fmt.Errorf("take article locks: %w", err)
	}
	return nil
}

// unlockArticles gives back every article lock.
func (l *pgWriteLock) unlockArticles() {
	if l.arts == nil {
		return
	}
	if _, err := l.arts.ExecContext(context.Background(), `SELECT pg_advisory_unlock_all()`); err != nil {
		l.dropArticleSession()
		return
	}
	l.arts.Close()
	l.arts = nil
}

// dropArticleSession closes the article locks' session, which gives back its locks, rather
// than return it to the pool holding them.
func (l *pgWriteLock) dropArticleSession() {
	l.arts.Raw(func(any) error { return driver.ErrBadConn })
	l.arts.Close()
	l.arts = nil
}

// LockWrites takes the database's write lock exclusively (see pgWriteLock): no other
// writer, exclusive or of articles, runs until UnlockWrites. A failure to take it is the
// error of the next ApplyDeltas.
func (p *QuadStore) LockWrites() { p.lock.acquire(false) }

// LockArticleWrites takes the database's write lock shared, for a write of articles that
// takes their locks (LockArticles) and changes nothing else: other article writes run at
// the same time, exclusive writers wait. A failure to take it is the error of the next
// ApplyDeltas.
func (p *QuadStore) LockArticleWrites() { p.lock.acquire(true) }

// UnlockWrites gives back the write lock LockWrites or LockArticleWrites took, and the
// article locks.
func (p *QuadStore) UnlockWrites() { p.lock.release() }

// LockArticles takes the locks of the articles' keys (IRIs, LSH bands), waiting for the
// writers that hold any of them, until UnlockArticles (or UnlockWrites). It is called with
// no article lock held.
func (p *QuadStore) LockArticles(ctx context.Context, keys []string) error {
	if err := p.lock.failed(); err != nil {
		return err
	}
	return p.lock.lockArticles(ctx, keys)
}

// UnlockArticles gives back the article locks.
func (p *QuadStore) UnlockArticles() { p.lock.unlockArticles() }
