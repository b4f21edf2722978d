package postgres

import (
	"sync"
	"sync/atomic"
)

// A load's summary says how many quads it added. On bolt that is how much the store grew
// (no other process can write while it is open); on PostgreSQL other workers write at the
// same time, and the growth counted their quads too (two workers summed 227,560 for 125,393
// stored). So a PostgreSQL store counts the quads its own transactions inserted (the rows
// PostgreSQL says each INSERT ... ON CONFLICT DO NOTHING added, in writePGTx) less the quads
// they deleted.

// pgTally is where writePGTx, Cayley's callback, which knows only its transaction, counts
// the quads it inserts: the ApplyDeltas call that runs it points it at its own counter, one
// call at a time in a process.
var pgTally struct {
	mu       sync.Mutex
	inserted *int64
}

// pgCounted runs apply (one ApplyDeltas transaction) with writePGTx counting its inserted
// quads, and returns that count.
func pgCounted(apply func() error) (int64, error) {
	pgTally.mu.Lock()
	defer pgTally.mu.Unlock()
	var n int64
	pgTally.inserted = &n
	defer func() { pgTally.inserted = nil }()
	err := apply()
	return n, err
}

// pgCountInserted adds n inserted quads to the count of the ApplyDeltas call in progress
// (called by writePGTx, under pgTally.mu).
func pgCountInserted(n int64) {
	if pgTally.inserted != nil {
		*pgTally.inserted += n
	}
}

// pgOwnCount is a PostgreSQL store's count of the quads it added.
type pgOwnCount struct{ n atomic.Int64 }

// OwnQuadsAdded is the number of quads this store's own writes added since it was opened
// (inserted less deleted; quads another worker had already written count for nothing).
func (p *QuadStore) OwnQuadsAdded() int64 { return p.own.n.Load() }
