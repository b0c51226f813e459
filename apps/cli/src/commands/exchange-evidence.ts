/**
 * `joinery exchange verify-log`, `evidence` and `verify-evidence`: a gateway's message log
 * checked offline, and one message's evidence exported and verified by anyone with this CLI —
 * proof of exactly what was asked and answered, and when. Exit 0 when it holds, 1 when not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { exportEvidence, verifyEvidenceBundle, verifyGatewayLog } from '@joinery/exchange';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../run.ts';
import { sha256Fingerprints } from '../options.ts';

function headOption(value: string): { seq: number; hash?: string } {
  const match = /^(\d+)(?::([0-9a-f]{64}))?$/.exec(value);
  if (!match) throw new InvalidArgumentError(`${value} is SEQ or SEQ:HASH (the head the authority last saw, from the operations page)`);
  return { seq: Number(match[1]), ...(match[2] ? { hash: match[2] } : {}) };
}

export function addEvidenceCommands(exchange: Command): void {
  exchange
    .command('verify-log')
    .description('Check a gateway’s message log offline: the hash chain, the signed checkpoints, the timestamps and the archives')
    .requiredOption('--dir <dir>', 'the gateway’s folder (its log, certificates and configuration)')
    .option(
      '--expect-head <seq[:hash]>',
      'the last entry a witness saw (the authority’s operations page): catches a log cut short',
      headOption,
    )
    .option('--json', 'print the whole report as JSON')
    .action(
      action(async (options: { dir: string; expectHead?: { seq: number; hash?: string }; json?: boolean }) => {
        const report = await verifyGatewayLog(options.dir, options.expectHead ? { expectedHead: options.expectHead } : {});
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          process.stdout.write(
            `${report.isValid ? 'The log holds' : 'The log does NOT hold'}: ${report.entries} entries up to ${report.lastSeq}, ${report.checkpoints} signed checkpoints (${report.timestamped} timestamped), ${report.segments} segments, ${report.archives} archives; ${report.unsignedTail} entries after the last checkpoint\n`,
          );
          for (const p of report.problems)
            process.stdout.write(
              `  ${p.severity === 'error' ? 'ERROR' : 'warning'} ${p.file}${p.line ? `:${p.line}` : ''}${p.seq ? ` (entry ${p.seq})` : ''}: ${p.message}\n`,
            );
        }
        if (!report.isValid) process.exitCode = 1;
      }),
    );

  exchange
    .command('evidence')
    .description(
      'Export the evidence for one message from a gateway’s log: request, answer, signatures, certificates, chain proof, timestamp',
    )
    .argument('<message-id>', 'the message id (X-Road-Id) the answer carried')
    .requiredOption('--dir <dir>', 'the gateway’s folder')
    .option('--out <file>', 'write the bundle here (default: <message-id>.evidence.json)')
    .action(
      action(async (messageId: string, options: { dir: string; out?: string }) => {
        const bundle = await exportEvidence(options.dir, messageId);
        const file = options.out ?? `${messageId}.evidence.json`;
        writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
        process.stdout.write(
          `Evidence for ${messageId} (${bundle.items.length} entries from ${bundle.gateway}) written to ${file}\nAnyone can check it with: joinery exchange verify-evidence ${file}\n`,
        );
      }),
    );

  exchange
    .command('verify-evidence')
    .description(
      'Verify an evidence bundle offline: chain proof, checkpoint signature, RFC 3161 timestamp, RFC 9421 signatures and digests',
    )
    .argument('<file>', 'the bundle (from joinery exchange evidence)')
    .option(
      '--ca <sha256>',
      'the federation CA’s SHA-256 fingerprint you trust (from the authority, or gateway status); repeatable',
      sha256Fingerprints,
    )
    .option('--json', 'print the whole report as JSON')
    .action(
      action(async (file: string, options: { ca?: string[]; json?: boolean }) => {
        let bundle: unknown;
        try {
          bundle = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
          throw new InvalidArgumentError(`${file} is not a JSON evidence bundle: ${(error as Error).message}`);
        }
        const report = verifyEvidenceBundle(bundle, options.ca ? { trustedCaFingerprints: options.ca } : {});
        if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          process.stdout.write(
            `${report.isValid ? 'The evidence holds' : 'The evidence does NOT hold'} for message ${report.messageId ?? '?'} in the log of ${report.gateway ?? '?'}\n`,
          );
          for (const entry of report.entries) {
            const record = entry.record;
            const stamp = report.timestamps.find((t) => t.seq === entry.seq);
            process.stdout.write(
              `  ${entry.seq} ${record.direction} ${record.method ?? ''} ${record.path ?? ''}${record.status ? ` → ${record.status}` : ''} logged ${entry.at}${stamp ? `, timestamped ${stamp.genTime.toISOString()}` : ''}\n`,
            );
          }
          if (report.signers.length) process.stdout.write(`  signed by: ${report.signers.join(', ')}\n`);
          if (!options.ca)
            process.stdout.write('  (give --ca <fingerprint> to check the CA is your federation’s, not just the bundle’s own)\n');
          for (const p of [...report.trustProblems.map((message) => ({ severity: 'error', message })), ...report.problems])
            process.stdout.write(`  ${p.severity === 'error' ? 'ERROR' : 'warning'}: ${p.message}\n`);
        }
        if (!report.isValid) process.exitCode = 1;
      }),
    );
}
