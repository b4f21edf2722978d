package gizmo

// SetPlanRewrites turns plan.go's rewrites on or off and returns the previous setting.
func SetPlanRewrites(on bool) bool { return planRewrites.Swap(on) }

// SetMaxHeld sets how many quads a plan's quadReader keeps and returns the previous bound.
func SetMaxHeld(n int) int {
	old := maxHeld
	maxHeld = n
	return old
}

// SetSetChecks sets when node checks switch to a set (switchAfter, hubReads) and returns a
// function that restores the previous values.
func SetSetChecks(after, hub int) (restore func()) {
	a, h := switchAfter, hubReads
	switchAfter, hubReads = after, hub
	return func() { switchAfter, hubReads = a, h }
}
