package main

// The tables below are what the specs do not say: where each operation goes on the command
// line, what its flags are called, and which hand-written code of cmd/mx completes it.

// placement puts one operation in a resource group, under a name, with an example.
type placement struct{ group, name, example string }

// commands places each operation of every version. An operation both versions have is one
// command; an example of an operation of v20111101 only carries --api-version. Examples use
// the GUID placeholders of the references, and the test bank's passwords that connect.
var commands = map[string]placement{
	// users
	"createUser":     {"users", "create", "mx users create --id u-1 --email ada@example.com --metadata '{\"plan\": \"pro\"}'"},
	"listUsers":      {"users", "list", "mx users list --email ada@example.com -o table"},
	"readUser":       {"users", "read", "mx users read --user u-1"},
	"updateUser":     {"users", "update", "mx users update --user USR-123 --email grace@example.com"},
	"deleteUser":     {"users", "delete", "mx users delete --user USR-123"},
	"deactivateUser": {"users", "deactivate-holdings", "mx users deactivate-holdings --user USR-123"},

	// members and the jobs that gather their data
	"listMembers":           {"members", "list", "mx members list --user USR-123 --all -o table"},
	"createMember":          {"members", "create", "mx members create --user USR-123 --institution mxbank --credential CRD-1=mxuser --credential CRD-2=password --product transactions --product statements"},
	"readMember":            {"members", "read", "mx members read --user USR-123 --member MBR-123"},
	"updateMember":          {"members", "update", "mx members update --user USR-123 --member MBR-123 --credential CRD-2=password"},
	"deleteMember":          {"members", "delete", "mx members delete --user USR-123 --member MBR-123"},
	"readMemberStatus":      {"members", "status", "mx members status --user USR-123 --member MBR-123"},
	"aggregateMember":       {"members", "aggregate", "mx members aggregate --user USR-123 --member MBR-123 --wait"},
	"checkBalances":         {"members", "check-balance", "mx members check-balance --user USR-123 --member MBR-123 --wait"},
	"verifyMember":          {"members", "verify", "mx members verify --user u-1 --member m-1 --wait"},
	"identifyMember":        {"members", "identify", "mx members identify --user USR-123 --member MBR-123 --wait"},
	"extendHistory":         {"members", "extend-history", "mx members extend-history --user USR-123 --member MBR-123 --wait"},
	"fetchStatements":       {"members", "fetch-statements", "mx members fetch-statements --user USR-123 --member MBR-123 --wait"},
	"resumeAggregation":     {"members", "resume", "mx members resume --user USR-123 --member MBR-123 --answer CRD-9=blue --wait"},
	"listMemberChallenges":  {"members", "challenges", "mx members challenges --user USR-123 --member MBR-123"},
	"listMemberCredentials": {"members", "credentials", "mx members credentials --user USR-123 --member MBR-123"},
	"requestOAuthWindowURI": {"members", "oauth-window-uri", "mx members oauth-window-uri --user USR-123 --member MBR-123 --referral-source APP"},

	// institutions
	"listInstitutions":           {"institutions", "list", "mx institutions list --name chase --supported-products account_verification -o table"},
	"listFavoriteInstitutions":   {"institutions", "favorites", "mx institutions favorites"},
	"readInstitution":            {"institutions", "read", "mx institutions read --institution chase"},
	"listInstitutionCredentials": {"institutions", "credentials", "mx institutions credentials --institution mxbank"},

	// accounts, their numbers and owners
	"listUserAccounts":            {"accounts", "list", "mx accounts list --user USR-123 -o table"},
	"listMemberAccounts":          {"accounts", "list-by-member", "mx accounts list-by-member --user USR-123 --member MBR-123 -o table"},
	"readAccount":                 {"accounts", "read", "mx accounts read --user USR-123 --account ACT-123"},
	"readAccountByMember":         {"accounts", "read-by-member", "mx accounts read-by-member --user u-1 --member m-1 --account a-1"},
	"updateAccountByMember":       {"accounts", "update", "mx accounts update --user USR-123 --member MBR-123 --account ACT-123 --is-hidden"},
	"createManualAccount":         {"accounts", "create-manual", "mx accounts create-manual --user USR-123 --name 'Cash jar' --account-type CASH --balance 120.50"},
	"deleteManualAccount":         {"accounts", "delete-manual", "mx accounts delete-manual --user USR-123 --account ACT-123"},
	"mergeAccounts":               {"accounts", "merge", "mx accounts merge --user USR-123 --account ACT-123 --account ACT-456"},
	"listAccountNumbersByAccount": {"accounts", "numbers", "mx accounts numbers --user USR-123 --account ACT-123"},
	"listAccountNumbersByMember":  {"accounts", "numbers-by-member", "mx accounts numbers-by-member --user USR-123 --member MBR-123 -o table"},
	"listAccountOwnersByMember":   {"accounts", "owners", "mx accounts owners --user USR-123 --member MBR-123 -o table"},

	// transactions
	"listTransactions":                   {"transactions", "list", "mx transactions list --user USR-123 --from 2026-01-01 --all"},
	"listTransactionsByAccount":          {"transactions", "list-by-account", "mx transactions list-by-account --user USR-123 --account ACT-123 --all -o table"},
	"listTransactionsByMember":           {"transactions", "list-by-member", "mx transactions list-by-member --user USR-123 --member MBR-123"},
	"listTransactionsByAccountPerMember": {"transactions", "list-by-member-account", "mx transactions list-by-member-account --user USR-123 --member MBR-123 --account ACT-123"},
	"readTransaction":                    {"transactions", "read", "mx transactions read --user USR-123 --transaction TRN-123"},
	"readTransactionByAccount":           {"transactions", "read-by-account", "mx transactions read-by-account --user u-1 --member m-1 --account a-1 --transaction t-1"},
	"updateTransaction":                  {"transactions", "update", "mx transactions update --user USR-123 --transaction TRN-123 --description 'Team lunch'"},
	"updateTransactionByAccount":         {"transactions", "update-by-account", "mx transactions update-by-account --user USR-123 --member MBR-123 --account ACT-123 --transaction TRN-123 --description 'Team lunch'"},
	"createManualTransaction":            {"transactions", "create-manual", "mx transactions create-manual --user USR-123 --account ACT-123 --amount 12.50 --date 2026-03-01 --description 'Farmers market' --type DEBIT"},
	"deleteManualTransactions":           {"transactions", "delete-manual", "mx transactions delete-manual --user USR-123 --transaction TRN-123"},
	"listTransactionsByTag":              {"transactions", "list-by-tag", "mx transactions list-by-tag --user ada-1 --tag TAG-123 --all -o table"},
	"createSplitTransactions":            {"transactions", "split", "mx transactions split --user USR-123 --transaction TRN-123 --amount 20.00 --category CAT-123 --description 'Groceries half'"},
	"createSplitTransactionsByAccount":   {"transactions", "split-by-account", "mx transactions split-by-account --user ada-1 --member ada-bank --account ACT-123 --transaction TRN-123 --amount 20.00"},
	"deleteSplitTransactions":            {"transactions", "unsplit", "mx transactions unsplit --user USR-123 --transaction TRN-123"},
	"deleteSplitTransactionByAccount":    {"transactions", "unsplit-by-account", "mx transactions unsplit-by-account --user ada-1 --member ada-bank --account ACT-123 --transaction TRN-123"},
	"enhanceTransactions":                {"transactions", "enhance", "mx transactions enhance --id t-1 --description 'STARBUCKS #1234 SEATTLE' --amount 4.50 --type DEBIT"},
	"repeatingTransactions":              {"transactions", "repeating", "mx transactions repeating --user USR-123 -o table"},
	"specificRepeatingTransaction":       {"transactions", "read-repeating", "mx transactions read-repeating --user USR-123 --repeating-transaction RPT-123"},

	// tags, and the taggings that put them on transactions
	"listTags":      {"tags", "list", "mx tags list --user USR-123 --all -o table"},
	"createTag":     {"tags", "create", "mx tags create --user USR-123 --name 'Business trip'"},
	"readTag":       {"tags", "read", "mx tags read --user USR-123 --tag TAG-123"},
	"updateTag":     {"tags", "update", "mx tags update --user USR-123 --tag TAG-123 --name 'Conference'"},
	"deleteTag":     {"tags", "delete", "mx tags delete --user USR-123 --tag TAG-123"},
	"listTaggings":  {"taggings", "list", "mx taggings list --user USR-123 --all -o table"},
	"createTagging": {"taggings", "create", "mx taggings create --user USR-123 --tag TAG-123 --transaction TRN-123"},
	"readTagging":   {"taggings", "read", "mx taggings read --user USR-123 --tagging TGN-123"},
	"updateTagging": {"taggings", "update", "mx taggings update --user USR-123 --tagging TGN-123 --tag TAG-456"},
	"deleteTagging": {"taggings", "delete", "mx taggings delete --user USR-123 --tagging TGN-123"},

	// transaction rules
	"listTransactionRules":  {"rules", "list", "mx rules list --user USR-123 -o table"},
	"createTransactionRule": {"rules", "create", "mx rules create --user USR-123 --match-description 'BLUE BOTTLE' --category CAT-123 --description 'Coffee'"},
	"readTransactionRule":   {"rules", "read", "mx rules read --user USR-123 --rule TXR-123"},
	"updateTransactionRule": {"rules", "update", "mx rules update --user USR-123 --rule TXR-123 --description 'Coffee beans'"},
	"deleteTransactionRule": {"rules", "delete", "mx rules delete --user USR-123 --rule TXR-123"},

	// budgets
	"listAllBudgets":       {"budgets", "list", "mx budgets list --user USR-123 -o table"},
	"autoGenerateBudgets":  {"budgets", "generate", "mx budgets generate --user USR-123 -o table"},
	"createBudget":         {"budgets", "create", "mx budgets create --user USR-123 --category CAT-123 --parent CAT-100 --amount 400.00"},
	"readSpecificBudget":   {"budgets", "read", "mx budgets read --user USR-123 --budget BGT-123"},
	"updateSpecificBudget": {"budgets", "update", "mx budgets update --user USR-123 --budget BGT-123 --amount 450.00"},
	"deleteBudget":         {"budgets", "delete", "mx budgets delete --user USR-123 --budget BGT-123"},

	// goals
	"listGoals":       {"goals", "list", "mx goals list --user USR-123 -o table"},
	"createGoal":      {"goals", "create", "mx goals create --user USR-123 --account ACT-123 --name 'Trip to Lisbon' --amount 2500.00 --goal-type SAVE_AMOUNT --meta-type VACATION"},
	"readGoal":        {"goals", "read", "mx goals read --user USR-123 --goal GOL-123"},
	"updateGoal":      {"goals", "update", "mx goals update --user USR-123 --goal GOL-123 --amount 6000.00"},
	"deleteGoal":      {"goals", "delete", "mx goals delete --user USR-123 --goal GOL-123"},
	"repositionGoals": {"goals", "reposition", "mx goals reposition --user USR-123 --goal GOL-123=1 --goal GOL-456=2"},

	// spending plans, their accounts, iterations and the items of the current iteration
	"listSpendingPlans":                {"spending-plans", "list", "mx spending-plans list --user USR-123 -o table"},
	"createSpendingPlan":               {"spending-plans", "create", "mx spending-plans create --user USR-123"},
	"readSpendingPlanUser":             {"spending-plans", "read", "mx spending-plans read --user USR-123 --plan SPL-123"},
	"deleteSpendingPlan":               {"spending-plans", "delete", "mx spending-plans delete --user USR-123 --plan SPL-123"},
	"listSpendingPlanAccounts":         {"spending-plans", "accounts", "mx spending-plans accounts --user USR-123 --plan SPL-123 -o table"},
	"readSpendingPlanAccount":          {"spending-plans", "read-account", "mx spending-plans read-account --user USR-123 --plan SPL-123 --plan-account SPA-123"},
	"deleteSpendingPlanAccount":        {"spending-plans", "delete-account", "mx spending-plans delete-account --user USR-123 --plan SPL-123 --plan-account SPA-123"},
	"listSpendingPlanIterations":       {"spending-plans", "iterations", "mx spending-plans iterations --user USR-123 --plan SPL-123 -o table"},
	"readSpendingPlanIteration":        {"spending-plans", "read-iteration", "mx spending-plans read-iteration --user USR-123 --plan SPL-123 --iteration 2"},
	"readCurrentSpendingPlanIteration": {"spending-plans", "current-iteration", "mx spending-plans current-iteration --user USR-123 --plan SPL-123"},
	"listSpendingPlanIterationItems":   {"spending-plans", "items", "mx spending-plans items --user USR-123 --plan SPL-123 --all -o table"},
	"createSpendingPlanIterationItem":  {"spending-plans", "create-item", "mx spending-plans create-item --user USR-123 --plan SPL-123 --category CAT-123 --planned-amount 250.00 --item-type planned-expense"},
	"readSpendingPlanIterationItem":    {"spending-plans", "read-item", "mx spending-plans read-item --user USR-123 --plan SPL-123 --item SII-123"},
	"updateSpendingPlanIterationItem":  {"spending-plans", "update-item", "mx spending-plans update-item --user USR-123 --plan SPL-123 --item SII-123 --planned-amount 300.00"},
	"deleteSpendingPlanIterationItem":  {"spending-plans", "delete-item", "mx spending-plans delete-item --user USR-123 --plan SPL-123 --item SII-123"},

	// the monthly cash flow profile
	"readMonthlyCashFlowProfile":   {"cash-flow", "read", "mx cash-flow read --user ada-1"},
	"updateMonthlyCashFlowProfile": {"cash-flow", "update", "mx cash-flow update --user ada-1 --goals-contribution 250.00"},

	// insights, and what each is about
	"listInsightsUser":             {"insights", "list", "mx insights list --user USR-123 --all -o table"},
	"listInsightsByAccount":        {"insights", "list-by-account", "mx insights list-by-account --user USR-123 --account ACT-123"},
	"listInsightsByTransaction":    {"insights", "list-by-transaction", "mx insights list-by-transaction --user USR-123 --transaction TRN-123"},
	"readInsightUser":              {"insights", "read", "mx insights read --user USR-123 --insight BET-123"},
	"updateInsight":                {"insights", "update", "mx insights update --user USR-123 --insight BET-123 --is-dismissed"},
	"listAccountsInsight":          {"insights", "accounts", "mx insights accounts --user USR-123 --insight BET-123 -o table"},
	"listCategoriesInsight":        {"insights", "categories", "mx insights categories --user USR-123 --insight BET-123 -o table"},
	"listMerchantsInsight":         {"insights", "merchants", "mx insights merchants --user USR-123 --insight BET-123 -o table"},
	"listScheduledPaymentsInsight": {"insights", "scheduled-payments", "mx insights scheduled-payments --user USR-123 --insight BET-123 -o table"},
	"listTransactionsInsight":      {"insights", "transactions", "mx insights transactions --user USR-123 --insight BET-123 --all -o table"},

	// notifications
	"listNotifications":  {"notifications", "list", "mx notifications list --user USR-123 -o table"},
	"createNotification": {"notifications", "create", "mx notifications create --user USR-123 --subject 'Low balance' --content 'Your checking account is under 100.00'"},
	"readNotifications":  {"notifications", "read", "mx notifications read --user USR-123 --notification NTF-123"},

	// microdeposits
	"listUserMicrodeposits": {"microdeposits", "list", "mx microdeposits list --user USR-123 -o table"},
	"createMicrodeposit":    {"microdeposits", "create", "mx microdeposits create --user USR-123 --account-number 123456789 --routing-number 091000019 --account-type CHECKING --account-name 'Ada checking'"},
	"readUserMicrodeposit":  {"microdeposits", "read", "mx microdeposits read --user USR-123 --microdeposit MIC-123"},
	"deleteMicrodeposit":    {"microdeposits", "delete", "mx microdeposits delete --user USR-123 --microdeposit MIC-123"},
	"verifyMicrodeposit":    {"microdeposits", "verify", "mx microdeposits verify --microdeposit MIC-123 --deposit-amount-1 0.07 --deposit-amount-2 0.12"},
	"listUserVerifications": {"microdeposits", "verifications", "mx microdeposits verifications --user USR-123 -o table"},

	// rewards and credit card products
	"fetchRewards": {"rewards", "fetch", "mx rewards fetch --user ada-1 --member ada-bank --wait"},
	"listRewards":  {"rewards", "list", "mx rewards list --user USR-123 --member MBR-123 -o table"},
	"readRewards":  {"rewards", "read", "mx rewards read --user USR-123 --member MBR-123 --reward RWD-123"},
	"creditCard":   {"rewards", "credit-card", "mx rewards credit-card --product CCP-123"},

	// ACH returns
	"listACHRetruns":  {"ach-returns", "list", "mx ach-returns list --return-code R01 -o table"},
	"createACHReturn": {"ach-returns", "create", "mx ach-returns create --id ret-1 --user USR-123 --member MBR-123 --account ACT-123 --return-code R01 --returned-at 2026-03-02"},
	"readACHRetrun":   {"ach-returns", "read", "mx ach-returns read --ach-return ACH-123"},

	// verifiable credentials
	"getAccountsData":     {"verifiable-credentials", "accounts", "mx verifiable-credentials accounts --user USR-123 --member MBR-123"},
	"getIdentityData":     {"verifiable-credentials", "identity", "mx vc identity --user USR-123 --member MBR-123"},
	"getTransactionsData": {"verifiable-credentials", "transactions", "mx vc transactions --user USR-123 --account ACT-123 --start-time 2026-01-01"},

	// the partner's side of processor tokens
	"requestAuthorizationCode": {"processor-tokens", "authorize", "mx processor-tokens authorize --user USR-123 --member MBR-123 --account ACT-123"},
	"listTokens":               {"processor-tokens", "list", "mx processor-tokens list --user USR-123 --member MBR-123 --account ACT-123 -o table"},

	// a payment processor's reads, with its processor token
	"requestAccountNumber":        {"processor", "account-numbers", "MX_PROCESSOR_TOKEN=$(cat processor-token) mx processor account-numbers -o table"},
	"readAccountBalance":          {"processor", "balance", "MX_PROCESSOR_TOKEN=$(cat processor-token) mx processor balance"},
	"checkRealTimeAccountBalance": {"processor", "check-balance", "MX_PROCESSOR_TOKEN=$(cat processor-token) mx processor check-balance"},
	"getAccountOwnerInfo":         {"processor", "owners", "MX_PROCESSOR_TOKEN=$(cat processor-token) mx processor owners -o table"},

	// statements
	"listStatementsByMember": {"statements", "list", "mx statements list --user USR-123 --member MBR-123 -o table"},
	"readStatementByMember":  {"statements", "read", "mx statements read --user USR-123 --member MBR-123 --statement STA-123"},
	"downloadStatementPDF":   {"statements", "download", "mx statements download --user USR-123 --member MBR-123 --statement STA-123 --out statement.pdf"},

	// investment holdings
	"listHoldings":          {"holdings", "list", "mx holdings list --user USR-123 -o table"},
	"listHoldingsByAccount": {"holdings", "list-by-account", "mx holdings list-by-account --user USR-123 --account ACT-123"},
	"listHoldingsByMember":  {"holdings", "list-by-member", "mx holdings list-by-member --user USR-123 --member MBR-123"},
	"readHolding":           {"holdings", "read", "mx holdings read --user USR-123 --holding HOL-123"},

	// categories
	"listCategories":              {"categories", "list", "mx categories list --user USR-123 --all -o table"},
	"listDefaultCategories":       {"categories", "defaults", "mx categories defaults --all -o table"},
	"listDefaultCategoriesByUser": {"categories", "defaults-by-user", "mx categories defaults-by-user --user USR-123"},
	"readCategory":                {"categories", "read", "mx categories read --user USR-123 --category CAT-123"},
	"readDefaultCategory":         {"categories", "read-default", "mx categories read-default --category CAT-123"},
	"createCategory":              {"categories", "create", "mx categories create --user USR-123 --name 'Board games' --parent CAT-123"},
	"updateCategory":              {"categories", "update", "mx categories update --user USR-123 --category CAT-456 --name 'Tabletop games'"},
	"deleteCategory":              {"categories", "delete", "mx categories delete --user USR-123 --category CAT-456"},

	// merchants
	"listMerchants":        {"merchants", "list", "mx merchants list --name coffee -o table"},
	"readMerchant":         {"merchants", "read", "mx merchants read --merchant MCH-123"},
	"readMerchantLocation": {"merchants", "read-location", "mx merchants read-location --location MCL-123"},

	// widgets
	"requestWidgetURL":        {"widgets", "url", "mx widgets url --user USR-123 --current-member MBR-123 --accept-language fr-CA"},
	"requestConnectWidgetURL": {"widgets", "connect-url", "mx --api-version v20111101 widgets connect-url --user USR-123 --mode verification"},
}

// groups describes the resource groups.
var groups = map[string]string{
	"users":        "Create, list, read, update and delete users",
	"members":      "Connect users to institutions: create members, run their jobs, answer MFA",
	"institutions": "Search institutions and the credentials they require",
	"accounts":     "Read and update accounts, their numbers and owners; manual accounts; merges",
	"transactions": "List, read and update transactions; manual transactions",
	"statements":   "List, read and download account statements",
	"holdings":     "Read investment holdings",
	"categories":   "Read default categories; create and manage a user's own",
	"merchants":    "Read merchants and their locations",
	"widgets":      "Request widget URLs",

	"tags":                   "Create, list, rename and delete a user's tags",
	"taggings":               "Put tags on transactions, move and remove them",
	"rules":                  "Categorize a user's transactions by their description: transaction rules",
	"budgets":                "Create, generate, read, update and delete a user's budgets",
	"goals":                  "Create, read, update, reorder and delete a user's savings and payoff goals",
	"spending-plans":         "Plan a user's spending month by month: plans, their accounts, iterations and items",
	"cash-flow":              "Read and update a user's monthly cash flow profile",
	"insights":               "Read a user's insights and what they are about; dismiss them",
	"notifications":          "Send a user notifications and read them",
	"microdeposits":          "Verify accounts with microdeposits",
	"rewards":                "Fetch and read a member's rewards; read credit card products",
	"ach-returns":            "Report and read ACH returns",
	"verifiable-credentials": "Read a member's accounts, identity or transactions as verifiable credentials",
	"processor-tokens":       "Give a payment processor access to an account: authorization codes and the tokens issued",
	"processor":              "A payment processor's reads of one account, with its processor token",
}

// groupAliases are the other names of some groups.
var groupAliases = map[string][]string{
	"verifiable-credentials": {"vc"},
}

// flagNames renames parameters and fields whose flag would otherwise be long or unclear. A
// field of a nested object is looked up as "object.field" first.
var flagNames = map[string]string{
	"user_guid": "user", "member_guid": "member", "account_guid": "account", "transaction_guid": "transaction",
	"user_identifier": "user", "member_identifier": "member", "account_identifier": "account",
	"transaction_identifier": "transaction", "institution_identifier": "institution",
	"statement_guid": "statement", "holding_guid": "holding", "merchant_guid": "merchant",
	"merchant_location_guid": "location", "parent_guid": "parent", "account_guids": "account",
	"institution_code": "institution", "from_date": "from", "to_date": "to", "credentials": "credential",
	"challenges": "answer", "use_cases": "use-case", "use_case": "use-case", "iso_country_code": "country",
	"category_guid": "category", "category_guid[]": "categories", "top_level_category_guid": "top-level-category",
	"top_level_category_guid[]": "top-level-categories", "current_institution_code": "current-institution",
	"current_institution_guid": "current-institution-guid", "current_member_guid": "current-member",
	"data_request.products": "product",
	"tag_guid":              "tag", "tagging_guid": "tagging", "transaction_rule_guid": "rule", "budget_guid": "budget",
	"goal_guid": "goal", "goals": "goal", "goal_type_name": "goal-type", "meta_type_name": "meta-type",
	"spending_plan_guid": "plan", "spending_plan_account_guid": "plan-account", "iteration_number": "iteration",
	"iteration_item_guid": "item", "scheduled_payment_guid": "scheduled-payment", "insight_guid": "insight",
	"notification_guid": "notification", "micro_deposit_guid": "microdeposit", "reward_guid": "reward",
	"credit_card_product_guid": "product", "ach_return_guid": "ach-return", "repeating_transaction_guid": "repeating-transaction",
	"startTime": "start-time", "endTime": "end-time",
}

// identifierCarriers name, for each kind of *_identifier path parameter (the partner's id or
// MX's GUID, whichever the user gives), the SDK type that carries the flag's text to the
// method. MX reads the path segment the same whichever it holds, and the SDK sends the text
// as it is, so the CLI passes the value through without guessing which it is; the type it
// travels in changes nothing on the wire.
var identifierCarriers = map[string]string{
	"UserIdentifier":        "UserGUID",
	"MemberIdentifier":      "MemberGUID",
	"AccountIdentifier":     "AccountGUID",
	"TransactionIdentifier": "TransactionGUID",
	"InstitutionIdentifier": "InstitutionCode",
}

// waitCalls are the library calls of --wait for the operations that start a job
// (x-mx-job); "resume" marks resumeAggregation, which waits with WaitForJob after sending the
// answers.
var waitCalls = map[string]string{
	"aggregateMember":   "AggregateAndWait",
	"checkBalances":     "CheckBalancesAndWait",
	"verifyMember":      "VerifyAndWait",
	"identifyMember":    "IdentifyAndWait",
	"extendHistory":     "ExtendHistoryAndWait",
	"fetchStatements":   "FetchStatementsAndWait",
	"fetchRewards":      "FetchRewardsAndWait",
	"resumeAggregation": "resume",
}

// bodyHooks name, per operation and version, a hand-written function of cmd/mx that completes
// the request body once the flags are declared, called as f(b, &body): the library's defaults
// for what the flags leave unset, so that the command asks for what the library asks for, or
// flags that say in a few words what a field wants written in MX's form.
var bodyHooks = map[string]map[string]string{
	"requestWidgetURL": { // ConnectWidget() of each version: ui_message_version
		"v20250224": "connectWidgetDefaults",
		"v20111101": "connectWidgetDefaultsV20111101",
	},
	"requestAuthorizationCode": { // --user, --member and --account write the scope
		"v20250224": "processorScopeFlags",
	},
}

// secretMembers name, per operation, a member of its answer that holds a secret: printed as
// <redacted> unless the command's --show-tokens asks for it.
var secretMembers = map[string]string{
	"listTokens": "access_token",
}

// enumDefaults give a required enum field a default, so that the flag may be left out.
var enumDefaults = map[string]string{
	"widget_type": "connect_widget",
}

// notes are printed on stderr before a call of the operation: what replaces a deprecated one.
var notes = map[string]string{
	"requestConnectWidgetURL": "note: MX keeps this endpoint for existing integrations only; new ones use 'mx widgets url'",
}

// elsewhere says, for an operation one version lacks, what to use there instead; the command's
// usage error under that version shows it.
var elsewhere = map[string]string{
	"requestConnectWidgetURL": "'mx widgets url' (widget type connect_widget, the default) requests a Connect URL in every version",
}

// booleanUsages word, by the first sentence of their description in the specs, the boolean
// flags that the specs describe by what false does or by both values; "=false" becomes the
// flag's own --name=false.
var booleanUsages = map[string]string{
	"When false, holdings are not gathered by this aggregation":                                  "Gather holdings in this aggregation, as MX does unless =false",
	"When false, transactions are not gathered by this aggregation":                              "Gather transactions in this aggregation, as MX does unless =false",
	"When false, transactions are not gathered":                                                  "Gather transactions, as MX does unless =false",
	"When false, creating or updating a member in the widget does not gather transactions":       "Gather transactions when the widget creates or updates a member, as MX does unless =false",
	"When given, only disabled (true) or only enabled (false) users":                             "Only disabled users (=false: only enabled ones)",
	"When given, only manual (true) or only aggregated (false) accounts":                         "Only manual accounts (=false: only aggregated ones)",
	"When given, only accounts whose member is (true) or is not (false) managed by the end user": "Only accounts whose member the end user manages (=false: only the others)",
	"When given, only accounts whose member is (true) or is not (false) managed by the user":     "Only accounts whose member the user manages (=false: only the others)",
}

// reservedFlags are the flags cmd/mx declares itself, globally or on some commands: no
// parameter or field may take their name.
var reservedFlags = map[string]bool{
	"client-id": true, "api-key": true, "env": true, "base-url": true, "config": true, "output": true,
	"verbose": true, "timeout": true, "api-version": true, "help": true,
	"profile": true, "jq": true, "version": true,
	"all": true, "limit": true, "prefetch": true, "wait": true, "interval": true, "out": true,
	"accept-language": true, "callback-payload": true, "input": true, "processor-token": true, "show-tokens": true,
}
