// `claimlens-server --stdio` (or --node-ipc / --socket=N, as the client chooses).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { seedsFolder, workerScript } from './paths.js';
import { startServer } from './server.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write('Usage: claimlens-server --stdio | --node-ipc | --socket=PORT\n\nThe Claim Lens language server.\n');
  process.exit(0);
}
if (!args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('claimlens-server: choose a transport: --stdio, --node-ipc or --socket=PORT\n');
  process.exit(2);
}

// Nothing may write to stdout but the protocol.
console.log = console.error;

const connection = createConnection(ProposedFeatures.all);
startServer(connection, { seeds: seedsFolder(), workerScript: workerScript() });
