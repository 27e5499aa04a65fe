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
	"createUser": {"users", "create", "mx users create --id u-1 --email ada@example.com --metadata '{\"plan\": \"pro\"}'"},
	"listUsers":  {"users", "list", "mx users list --email ada@example.com -o table"},
	"readUser":   {"users", "read", "mx users read --user u-1"},
	"updateUser": {"users", "update", "mx users update --user USR-123 --email grace@example.com"},
	"deleteUser": {"users", "delete", "mx users delete --user USR-123"},

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
	"resumeAggregation": "resume",
}

// bodyDefaults name, per operation and version, a hand-written function of cmd/mx that gives
// the request body the library's defaults for what the flags leave unset, so that the command
// asks for what the library asks for. It is called as f(b, &body) once the flags are declared.
var bodyDefaults = map[string]map[string]string{
	"requestWidgetURL": { // ConnectWidget() of each version: ui_message_version
		"v20250224": "connectWidgetDefaults",
		"v20111101": "connectWidgetDefaultsV20111101",
	},
}

// enumDefaults give a required enum field a default, so that the flag may be left out.
var enumDefaults = map[string]string{
	"widget_type": "connect_widget",
}

// readsOne are operations whose answer holds one resource although the spec describes a list
// beside it (MX's file describes readTransaction with the list's shape): the method returns
// the resource.
var readsOne = map[string]bool{
	"readTransaction":          true,
	"readTransactionByAccount": true,
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
	"accept-language": true, "callback-payload": true,
}
