package mxplatformtest

// resourceHooksByKind are the hooks of each kind of resource that has any, by schema name (see
// resourceHooks). The map is filled at init: hooks reach the engine, which reaches the map.
var resourceHooksByKind map[string]resourceHooks

func init() {
	resourceHooksByKind = map[string]resourceHooks{
		"Tagging":                   taggingHooks(),
		"Notification":              notificationHooks(),
		"ACHReturn":                 achReturnHooks(),
		"Budget":                    budgetHooks(),
		"Goal":                      goalHooks(),
		"SpendingPlan":              spendingPlanHooks(),
		"SpendingPlanIteration":     iterationHooks(),
		"SpendingPlanIterationItem": iterationItemHooks(),
		"MonthlyCashFlowProfile":    cashFlowHooks(),
		"Insight":                   insightHooks(),
	}
}
