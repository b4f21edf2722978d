package postgres

import "sync/atomic"

// A load's summary says how many quads it added. On bolt that is how much the store grew
// (no other process can write while it is open); on PostgreSQL other workers write at the
// same time, and the growth counted their quads too (two workers summed 227,560 for 125,393
// stored). So a PostgreSQL store counts the quads its own transactions inserted (the rows
// each INSERT ... ON CONFLICT DO NOTHING returned, in applyTx) less the quads they deleted.

// pgOwnCount is a PostgreSQL store's count of the quads it added.
type pgOwnCount struct{ n atomic.Int64 }

// OwnQuadsAdded is the number of quads this store's own writes added since it was opened
// (inserted less deleted; quads another worker had already written count for nothing).
func (p *QuadStore) OwnQuadsAdded() int64 { return p.own.n.Load() }
