// Imported before @apollo/gateway: without this the gateway starts an
// OpenTelemetry exporter that sends usage data to Apollo and probes cloud
// metadata endpoints, which this offline product must never do.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';

export {};
