package main

// The tables below are what the specs do not say: where each operation goes on the command
// line, what its flags are called, and which hand-written code of cmd/mx completes it.

// placement puts one operation in a resource group, under a name, with an example.
type placement struct{ group, name, example string }

// commands places each operation of every version. An operation both versions have is one
// command; an example of an operation of v20111101 only carries --api-version. Examples run
// as written against 'mx fake --sample': they name the sample's user and members by their ids
// (u-1, m-1) where the path takes an identifier, its other records by placeholders the
// generator replaces with the sample's GUIDs ({user}, {tag}, see sample.go), and records the
// sample cannot hold by a command that finds one, $(mx ... --jq ...).
var commands = map[string]placement{
	// users
	"createUser":     {"users", "create", "mx users create --id u-2 --email grace@example.com --metadata '{\"plan\": \"pro\"}'"},
	"listUsers":      {"users", "list", "mx users list --email ada@example.com -o table"},
	"readUser":       {"users", "read", "mx users read --user u-1"},
	"updateUser":     {"users", "update", "mx users update --user u-1 --email ada.lovelace@example.com"},
	"deleteUser":     {"users", "delete", "mx users delete --user u-1"},
	"deactivateUser": {"users", "deactivate-holdings", "mx users deactivate-holdings --user {user}"},

	// members and the jobs that gather their data
	"listMembers":           {"members", "list", "mx members list --user u-1 --all -o table"},
	"createMember":          {"members", "create", "mx members create --user u-1 --institution mxbank --credential {cred_user}=mxuser --credential {cred_password}=password --product transactions --product statements"},
	"readMember":            {"members", "read", "mx members read --user u-1 --member m-1"},
	"updateMember":          {"members", "update", "mx members update --user u-1 --member m-1 --credential {cred_password}=password"},
	"deleteMember":          {"members", "delete", "mx members delete --user u-1 --member m-2"},
	"readMemberStatus":      {"members", "status", "mx members status --user u-1 --member m-1"},
	"aggregateMember":       {"members", "aggregate", "mx members aggregate --user u-1 --member m-1 --wait"},
	"checkBalances":         {"members", "check-balance", "mx members check-balance --user u-1 --member m-1 --wait"},
	"verifyMember":          {"members", "verify", "mx members verify --user u-1 --member m-1 --wait"},
	"identifyMember":        {"members", "identify", "mx members identify --user u-1 --member m-1 --wait"},
	"extendHistory":         {"members", "extend-history", "mx members extend-history --user u-1 --member m-1 --wait"},
	"fetchStatements":       {"members", "fetch-statements", "mx members fetch-statements --user u-1 --member m-1 --wait"},
	"resumeAggregation":     {"members", "resume", "mx members resume --user u-1 --member m-mfa --answer {challenge}=correct --wait"},
	"listMemberChallenges":  {"members", "challenges", "mx members challenges --user u-1 --member m-mfa"},
	"listMemberCredentials": {"members", "credentials", "mx members credentials --user u-1 --member m-1"},
	"requestOAuthWindowURI": {"members", "oauth-window-uri", "mx members oauth-window-uri --user u-1 --member m-oauth --referral-source APP"},

	// institutions
	"listInstitutions":           {"institutions", "list", "mx institutions list --name 'MX Bank' --supported-products account_verification -o table"},
	"listFavoriteInstitutions":   {"institutions", "favorites", "mx institutions favorites"},
	"readInstitution":            {"institutions", "read", "mx institutions read --institution mxbank"},
	"listInstitutionCredentials": {"institutions", "credentials", "mx institutions credentials --institution mxbank"},

	// accounts, their numbers and owners
	"listUserAccounts":            {"accounts", "list", "mx accounts list --user u-1 -o table"},
	"listMemberAccounts":          {"accounts", "list-by-member", "mx accounts list-by-member --user u-1 --member m-1 -o table"},
	"readAccount":                 {"accounts", "read", "mx accounts read --user {user} --account {account}"},
	"readAccountByMember":         {"accounts", "read-by-member", "mx accounts read-by-member --user u-1 --member m-1 --account {account}"},
	"updateAccountByMember":       {"accounts", "update", "mx accounts update --user u-1 --member m-1 --account {account} --metadata '{\"note\": \"bills\"}'"},
	"createManualAccount":         {"accounts", "create-manual", "mx accounts create-manual --user {user} --name 'Rainy day' --account-type CASH --balance 120.50"},
	"deleteManualAccount":         {"accounts", "delete-manual", "mx accounts delete-manual --user {user} --account {spare_account}"},
	"mergeAccounts":               {"accounts", "merge", "mx accounts merge --user {user} --account {merge_account1} --account {merge_account2}"},
	"listAccountNumbersByAccount": {"accounts", "numbers", "mx accounts numbers --user u-1 --account {account}"},
	"listAccountNumbersByMember":  {"accounts", "numbers-by-member", "mx accounts numbers-by-member --user {user} --member {member} -o table"},
	"listAccountOwnersByMember":   {"accounts", "owners", "mx accounts owners --user u-1 --member m-1 -o table"},

	// transactions
	"listTransactions":                   {"transactions", "list", "mx transactions list --user u-1 --from 2026-01-01 --all"},
	"listTransactionsByAccount":          {"transactions", "list-by-account", "mx transactions list-by-account --user {user} --account {account} --all -o table"},
	"listTransactionsByMember":           {"transactions", "list-by-member", "mx transactions list-by-member --user u-1 --member m-1"},
	"listTransactionsByAccountPerMember": {"transactions", "list-by-member-account", "mx transactions list-by-member-account --user {user} --member {member} --account {account}"},
	"readTransaction":                    {"transactions", "read", "mx transactions read --user {user} --transaction {transaction}"},
	"readTransactionByAccount":           {"transactions", "read-by-account", "mx transactions read-by-account --user u-1 --member m-1 --account {account} --transaction {transaction}"},
	"updateTransaction":                  {"transactions", "update", "mx transactions update --user {user} --transaction {transaction} --description 'Team lunch'"},
	"updateTransactionByAccount":         {"transactions", "update-by-account", "mx transactions update-by-account --user u-1 --member m-1 --account {account} --transaction {transaction} --description 'Team lunch'"},
	"createManualTransaction":            {"transactions", "create-manual", "mx transactions create-manual --user {user} --account {manual_account} --amount 12.50 --date 2026-03-01 --description 'Farmers market' --type DEBIT"},
	"deleteManualTransactions":           {"transactions", "delete-manual", "mx transactions delete-manual --user {user} --transaction {manual_transaction}"},
	"listTransactionsByTag":              {"transactions", "list-by-tag", "mx transactions list-by-tag --user u-1 --tag {tag} --all -o table"},
	"createSplitTransactions":            {"transactions", "split", "mx transactions split --user {user} --transaction {transaction} --amount 1.00 --category {groceries} --description 'Groceries part'"},
	"createSplitTransactionsByAccount":   {"transactions", "split-by-account", "mx transactions split-by-account --user u-1 --member m-1 --account {account} --transaction {transaction2} --amount 1.00"},
	"deleteSplitTransactions":            {"transactions", "unsplit", "mx transactions unsplit --user {user} --transaction {transaction}"},
	"deleteSplitTransactionByAccount":    {"transactions", "unsplit-by-account", "mx transactions unsplit-by-account --user u-1 --member m-1 --account {account} --transaction {transaction2}"},
	"enhanceTransactions":                {"transactions", "enhance", "mx transactions enhance --id t-1 --description 'STARBUCKS #1234 SEATTLE' --amount 4.50 --type DEBIT"},
	"repeatingTransactions":              {"transactions", "repeating", "mx transactions repeating --user {user} -o table"},
	"specificRepeatingTransaction":       {"transactions", "read-repeating", "mx transactions read-repeating --user {user} --repeating-transaction $(mx transactions repeating --user {user} --jq '.[0].guid')"},

	// tags, and the taggings that put them on transactions
	"listTags":      {"tags", "list", "mx tags list --user {user} --all -o table"},
	"createTag":     {"tags", "create", "mx tags create --user {user} --name 'Travel'"},
	"readTag":       {"tags", "read", "mx tags read --user {user} --tag {tag}"},
	"updateTag":     {"tags", "update", "mx tags update --user {user} --tag {tag} --name 'Work trip'"},
	"deleteTag":     {"tags", "delete", "mx tags delete --user {user} --tag {tag}"},
	"listTaggings":  {"taggings", "list", "mx taggings list --user {user} --all -o table"},
	"createTagging": {"taggings", "create", "mx taggings create --user {user} --tag {tag2} --transaction {transaction2}"},
	"readTagging":   {"taggings", "read", "mx taggings read --user {user} --tagging {tagging}"},
	"updateTagging": {"taggings", "update", "mx taggings update --user {user} --tagging {tagging} --tag {tag2}"},
	"deleteTagging": {"taggings", "delete", "mx taggings delete --user {user} --tagging {tagging}"},

	// transaction rules
	"listTransactionRules":  {"rules", "list", "mx rules list --user {user} -o table"},
	"createTransactionRule": {"rules", "create", "mx rules create --user {user} --match-description 'CORNER BAKERY' --category {restaurants} --description 'Bakery'"},
	"readTransactionRule":   {"rules", "read", "mx rules read --user {user} --rule {rule}"},
	"updateTransactionRule": {"rules", "update", "mx rules update --user {user} --rule {rule} --description 'Coffee beans'"},
	"deleteTransactionRule": {"rules", "delete", "mx rules delete --user {user} --rule {rule}"},

	// budgets
	"listAllBudgets":       {"budgets", "list", "mx budgets list --user {user} -o table"},
	"autoGenerateBudgets":  {"budgets", "generate", "mx budgets generate --user {user} -o table"},
	"createBudget":         {"budgets", "create", "mx budgets create --user {user} --category {budgetable_category} --parent {budget} --amount 400.00"},
	"readSpecificBudget":   {"budgets", "read", "mx budgets read --user {user} --budget {budget}"},
	"updateSpecificBudget": {"budgets", "update", "mx budgets update --user {user} --budget {budget} --amount 450.00"},
	"deleteBudget":         {"budgets", "delete", "mx budgets delete --user {user} --budget {budget}"},

	// goals
	"listGoals":       {"goals", "list", "mx goals list --user {user} -o table"},
	"createGoal":      {"goals", "create", "mx goals create --user {user} --account {account} --name 'New bike' --amount 900.00 --goal-type SAVE_AMOUNT --meta-type OTHER"},
	"readGoal":        {"goals", "read", "mx goals read --user {user} --goal {goal}"},
	"updateGoal":      {"goals", "update", "mx goals update --user {user} --goal {goal} --amount 6000.00"},
	"deleteGoal":      {"goals", "delete", "mx goals delete --user {user} --goal {goal}"},
	"repositionGoals": {"goals", "reposition", "mx goals reposition --user {user} --goal {goal2}=1 --goal {goal}=2"},

	// spending plans, their accounts, iterations and the items of the current iteration
	"listSpendingPlans":                {"spending-plans", "list", "mx spending-plans list --user {user} -o table"},
	"createSpendingPlan":               {"spending-plans", "create", "mx spending-plans create --user {user}"},
	"readSpendingPlanUser":             {"spending-plans", "read", "mx spending-plans read --user {user} --plan {plan}"},
	"deleteSpendingPlan":               {"spending-plans", "delete", "mx spending-plans delete --user {user} --plan {plan}"},
	"listSpendingPlanAccounts":         {"spending-plans", "accounts", "mx spending-plans accounts --user {user} --plan {plan} -o table"},
	"readSpendingPlanAccount":          {"spending-plans", "read-account", "mx spending-plans read-account --user {user} --plan {plan} --plan-account {plan_account}"},
	"deleteSpendingPlanAccount":        {"spending-plans", "delete-account", "mx spending-plans delete-account --user {user} --plan {plan} --plan-account {plan_account}"},
	"listSpendingPlanIterations":       {"spending-plans", "iterations", "mx spending-plans iterations --user {user} --plan {plan} -o table"},
	"readSpendingPlanIteration":        {"spending-plans", "read-iteration", "mx spending-plans read-iteration --user {user} --plan {plan} --iteration 1"},
	"readCurrentSpendingPlanIteration": {"spending-plans", "current-iteration", "mx spending-plans current-iteration --user {user} --plan {plan}"},
	"listSpendingPlanIterationItems":   {"spending-plans", "items", "mx spending-plans items --user {user} --plan {plan} --all -o table"},
	"createSpendingPlanIterationItem":  {"spending-plans", "create-item", "mx spending-plans create-item --user {user} --plan {plan} --category {restaurants} --planned-amount 120.00 --item-type planned-expense"},
	"readSpendingPlanIterationItem":    {"spending-plans", "read-item", "mx spending-plans read-item --user {user} --plan {plan} --item {plan_item}"},
	"updateSpendingPlanIterationItem":  {"spending-plans", "update-item", "mx spending-plans update-item --user {user} --plan {plan} --item {plan_item} --planned-amount 300.00"},
	"deleteSpendingPlanIterationItem":  {"spending-plans", "delete-item", "mx spending-plans delete-item --user {user} --plan {plan} --item {plan_item}"},

	// the monthly cash flow profile
	"readMonthlyCashFlowProfile":   {"cash-flow", "read", "mx cash-flow read --user u-1"},
	"updateMonthlyCashFlowProfile": {"cash-flow", "update", "mx cash-flow update --user u-1 --goals-contribution 250.00"},

	// insights, and what each is about
	"listInsightsUser":             {"insights", "list", "mx insights list --user {user} --all -o table"},
	"listInsightsByAccount":        {"insights", "list-by-account", "mx insights list-by-account --user {user} --account {account}"},
	"listInsightsByTransaction":    {"insights", "list-by-transaction", "mx insights list-by-transaction --user {user} --transaction {transaction}"},
	"readInsightUser":              {"insights", "read", "mx insights read --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid')"},
	"updateInsight":                {"insights", "update", "mx insights update --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') --is-dismissed"},
	"listAccountsInsight":          {"insights", "accounts", "mx insights accounts --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') -o table"},
	"listCategoriesInsight":        {"insights", "categories", "mx insights categories --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') -o table"},
	"listMerchantsInsight":         {"insights", "merchants", "mx insights merchants --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') -o table"},
	"listScheduledPaymentsInsight": {"insights", "scheduled-payments", "mx insights scheduled-payments --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') -o table"},
	"listTransactionsInsight":      {"insights", "transactions", "mx insights transactions --user {user} --insight $(mx insights list --user {user} --limit 1 --jq '.[0].guid') --all -o table"},

	// notifications
	"listNotifications":  {"notifications", "list", "mx notifications list --user {user} -o table"},
	"createNotification": {"notifications", "create", "mx notifications create --user {user} --subject 'Low balance' --content 'Your checking account is under 100.00'"},
	"readNotifications":  {"notifications", "read", "mx notifications read --user {user} --notification {notification}"},

	// microdeposits
	"listUserMicrodeposits": {"microdeposits", "list", "mx microdeposits list --user {user} -o table"},
	"createMicrodeposit":    {"microdeposits", "create", "mx microdeposits create --user {user} --account-number 123456789 --routing-number 091000019 --account-type CHECKING --account-name 'Ada checking'"},
	"readUserMicrodeposit":  {"microdeposits", "read", "mx microdeposits read --user {user} --microdeposit $(mx microdeposits list --user {user} --jq '.[0].guid')"},
	"deleteMicrodeposit":    {"microdeposits", "delete", "mx microdeposits delete --user {user} --microdeposit $(mx microdeposits list --user {user} --jq '.[0].guid')"},
	"verifyMicrodeposit":    {"microdeposits", "verify", "mx microdeposits verify --microdeposit $(mx microdeposits list --user {user} --jq '.[0].guid') --deposit-amount-1 0.07 --deposit-amount-2 0.12"},
	"listUserVerifications": {"microdeposits", "verifications", "mx microdeposits verifications --user {user} -o table"},

	// rewards and credit card products
	"fetchRewards": {"rewards", "fetch", "mx rewards fetch --user u-1 --member m-1 --wait"},
	"listRewards":  {"rewards", "list", "mx rewards list --user {user} --member {member} -o table"},
	"readRewards":  {"rewards", "read", "mx rewards read --user {user} --member {member} --reward $(mx rewards list --user {user} --member {member} --jq '.[0].guid')"},
	"creditCard":   {"rewards", "credit-card", "mx rewards credit-card --product {credit_card_product}"},

	// ACH returns
	"listACHRetruns":  {"ach-returns", "list", "mx ach-returns list --return-code R01 -o table"},
	"createACHReturn": {"ach-returns", "create", "mx ach-returns create --id ret-2 --user {user} --member {member} --account {account} --return-code R01 --returned-at 2026-03-02T00:00:00Z"},
	"readACHRetrun":   {"ach-returns", "read", "mx ach-returns read --ach-return {ach_return}"},

	// verifiable credentials
	"getAccountsData":     {"verifiable-credentials", "accounts", "mx verifiable-credentials accounts --user {user} --member {member}"},
	"getIdentityData":     {"verifiable-credentials", "identity", "mx vc identity --user {user} --member {member}"},
	"getTransactionsData": {"verifiable-credentials", "transactions", "mx vc transactions --user {user} --account {account} --start-time 2026-01-01"},

	// the partner's side of processor tokens
	"requestAuthorizationCode": {"processor-tokens", "authorize", "mx processor-tokens authorize --user {user} --member {member} --account {account}"},
	"listTokens":               {"processor-tokens", "list", "mx processor-tokens list --user {user} --member {member} --account {account} -o table"},

	// a payment processor's reads, with its processor token
	"requestAccountNumber":        {"processor", "account-numbers", "MX_PROCESSOR_TOKEN={processor_token} mx processor account-numbers -o table"},
	"readAccountBalance":          {"processor", "balance", "MX_PROCESSOR_TOKEN={processor_token} mx processor balance"},
	"checkRealTimeAccountBalance": {"processor", "check-balance", "MX_PROCESSOR_TOKEN={processor_token} mx processor check-balance"},
	"getAccountOwnerInfo":         {"processor", "owners", "MX_PROCESSOR_TOKEN={processor_token} mx processor owners -o table"},

	// statements
	"listStatementsByMember": {"statements", "list", "mx statements list --user {user} --member {member} -o table"},
	"readStatementByMember":  {"statements", "read", "mx statements read --user {user} --member {member} --statement {statement}"},
	"downloadStatementPDF":   {"statements", "download", "mx statements download --user {user} --member {member} --statement {statement} --out statement.pdf"},

	// investment holdings
	"listHoldings":          {"holdings", "list", "mx holdings list --user {user} -o table"},
	"listHoldingsByAccount": {"holdings", "list-by-account", "mx holdings list-by-account --user {user} --account $(mx holdings read --user {user} --holding {holding} --jq .account_guid)"},
	"listHoldingsByMember":  {"holdings", "list-by-member", "mx holdings list-by-member --user {user} --member {investor_member}"},
	"readHolding":           {"holdings", "read", "mx holdings read --user {user} --holding {holding}"},

	// categories
	"listCategories":              {"categories", "list", "mx categories list --user {user} --all -o table"},
	"listDefaultCategories":       {"categories", "defaults", "mx categories defaults --all -o table"},
	"listDefaultCategoriesByUser": {"categories", "defaults-by-user", "mx categories defaults-by-user --user {user}"},
	"readCategory":                {"categories", "read", "mx categories read --user {user} --category {category}"},
	"readDefaultCategory":         {"categories", "read-default", "mx categories read-default --category {groceries}"},
	"createCategory":              {"categories", "create", "mx categories create --user {user} --name 'Puzzles' --parent {default_category}"},
	"updateCategory":              {"categories", "update", "mx categories update --user {user} --category {category} --name 'Tabletop games'"},
	"deleteCategory":              {"categories", "delete", "mx categories delete --user {user} --category {category}"},

	// merchants
	"listMerchants":        {"merchants", "list", "mx merchants list --name starbucks -o table"},
	"readMerchant":         {"merchants", "read", "mx merchants read --merchant $(mx merchants list --name starbucks --jq '.[0].guid')"},
	"readMerchantLocation": {"merchants", "read-location", "mx merchants read-location --location $(mx transactions list --user u-1 --all --jq 'map(select(.merchant_location_guid != null)) | .[0].merchant_location_guid')"},

	// widgets
	"requestWidgetURL":        {"widgets", "url", "mx widgets url --user {user} --current-member {member} --accept-language fr-CA"},
	"requestConnectWidgetURL": {"widgets", "connect-url", "mx --api-version v20111101 widgets connect-url --user {user} --mode verification"},
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
