package mxplatform

// UIMessageVersion is the postMessage event version Connect is loaded with: MX requires 4 of
// new integrations. ConnectWidget and API.ConnectWidgetForMember set it.
const UIMessageVersion = 4
