/**
 * Builds an evidence bundle for one message from a log directory (live or a copy), reading it
 * once in chain order: each of the message's entries collects the content hashes that follow it
 * until a checkpoint covers it, then waits for that checkpoint's timestamp.
 */
import { entryShapeProblem } from './entry-shape.ts';
import { EVIDENCE_FORMAT, type EvidenceBundle, type EvidenceItem } from './evidence-model.ts';
import { logFilesInOrder } from './log-files.ts';
import { MessageLogError } from './message-log-error.ts';
import type { LogEntry } from './model.ts';
import { readLines } from './read-lines.ts';

async function* entriesOf(dir: string): AsyncGenerator<LogEntry> {
  for (const file of (await logFilesInOrder(dir)).files)
    for await (const line of readLines(file.path, { gunzip: file.isArchive })) {
      if (!line.isComplete) continue;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch {
        continue; // verifyLog reports it; a bundle across it will not verify
      }
      if (!entryShapeProblem(value)) yield value as LogEntry;
    }
}

/**
 * @example
 * const bundle = await buildEvidence(logDir, messageId, { certificates: { gateway: signPem } });
 * await writeFile(`${messageId}.evidence.json`, JSON.stringify(bundle));
 */
export async function buildEvidence(
  dir: string,
  messageId: string,
  extras: { certificates: Record<string, string> },
): Promise<EvidenceBundle> {
  const items: Partial<EvidenceItem>[] = [];
  let uncovered: Partial<EvidenceItem>[] = [];
  const awaitingTimestamp = new Map<number, Partial<EvidenceItem>[]>();
  for await (const entry of entriesOf(dir)) {
    if (entry.kind === 'checkpoint') {
      const covered = uncovered.filter((item) => item.entry!.seq <= entry.upTo);
      uncovered = uncovered.filter((item) => item.entry!.seq > entry.upTo);
      for (const item of covered) item.checkpoint = entry;
      for (const item of uncovered) item.proof!.push(entry.contentHash);
      if (covered.length) awaitingTimestamp.set(entry.seq, covered);
    } else for (const item of uncovered) item.proof!.push(entry.contentHash);
    if (entry.kind === 'timestamp') for (const item of awaitingTimestamp.get(entry.checkpointSeq) ?? []) item.timestamp ??= entry;
    if (entry.kind === 'message' && entry.record?.messageId === messageId) {
      const item: Partial<EvidenceItem> = { entry, proof: [] };
      items.push(item);
      uncovered.push(item);
    }
  }
  if (!items.length) throw new MessageLogError('not-found', `The message log in ${dir} has no entries for message ${messageId}`);
  if (uncovered.length)
    throw new MessageLogError(
      'not-checkpointed',
      `Entry ${uncovered[0]!.entry!.seq} for message ${messageId} is not covered by a checkpoint yet: checkpoint the log (MessageLog.checkpoint()) and build the evidence again`,
    );
  return {
    format: EVIDENCE_FORMAT,
    messageId,
    gateway: items[0]!.checkpoint!.gateway,
    createdAt: new Date().toISOString(),
    items: items as EvidenceItem[],
    certificates: { ...extras.certificates },
  };
}
