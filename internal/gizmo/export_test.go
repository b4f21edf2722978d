package gizmo

// SetPlanRewrites turns plan.go's rewrites on or off and returns the previous setting.
func SetPlanRewrites(on bool) bool { return planRewrites.Swap(on) }

// SetMaxHeld sets how many quads a plan's quadReader keeps and returns the previous bound.
func SetMaxHeld(n int) int {
	old := maxHeld
	maxHeld = n
	return old
}
