// `npm run office-sim -- --port N [--count N] [--seed N] [--arrivals-per-minute N]`
// Runs the office API simulator until SIGINT/SIGTERM, for demos and manual testing.
import { parseArgs } from 'node:util';
import { startSimulator } from './server.js';

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) {
    console.error(`--${name} needs a whole number, got "${value}"`);
    process.exit(2);
  }
  return Number(value);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    count: { type: 'string' },
    seed: { type: 'string' },
    'arrivals-per-minute': { type: 'string' },
    'transfer-decision-ms': { type: 'string' },
    'latency-ms': { type: 'string' },
    'smtp-sink': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log('usage: npm run office-sim -- --port N [--count N] [--seed N] [--arrivals-per-minute N] [--transfer-decision-ms N] [--latency-ms N] [--smtp-sink]');
  process.exit(0);
}

const sim = await startSimulator({
  port: wholeNumber('port', values.port) ?? 0,
  count: wholeNumber('count', values.count),
  seed: wholeNumber('seed', values.seed),
  transferDecisionMs: wholeNumber('transfer-decision-ms', values['transfer-decision-ms']),
  smtpSink: values['smtp-sink'] ?? false,
  faults: {
    arrivalsPerMinute: wholeNumber('arrivals-per-minute', values['arrivals-per-minute']) ?? 0,
    latencyMs: wholeNumber('latency-ms', values['latency-ms']) ?? 0,
  },
});

console.log(`Office API simulator listening at ${sim.url}  (API under ${sim.url}/v1, control under ${sim.url}/__sim)`);
if (sim.smtpUrl) console.log(`Mail sink listening at ${sim.smtpUrl}  (KOE_SMTP_URL; received messages: GET ${sim.url}/__sim/mail)`);
console.log('Demo accounts (password for all: koe-demo):');
for (const a of sim.accounts) console.log(`  ${a.username.padEnd(10)} ${a.role.padEnd(10)} ${a.staffId}  ${a.name}`);

let closing = false;
const stop = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`\n${signal}: stopping the office API simulator.`);
  void sim.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
