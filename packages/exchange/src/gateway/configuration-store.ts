/**
 * Keeps the gateway's configurations current: downloads its federation's signed configuration
 * from the authority, verifies it against the anchor pinned at enrolment, then downloads each
 * trusted federation's configuration and verifies it against the keys its own (verified)
 * configuration gives for it. The last good copies are kept on disk, so a gateway restarts
 * without the authority; it stops routing only when what it holds has expired.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FederationConfiguration, SigningKey } from '../configuration/model.ts';
import { ConfigurationRejected, verifyConfiguration } from '../configuration/signature.ts';
import { ConfigurationView } from './configuration-view.ts';

export interface ConfigurationStoreOptions {
  dir: string;
  anchor: { instance: string; configurationUrl: string; signingKeys: SigningKey[] };
  now: () => Date;
  fetch?: typeof fetch;
}

export interface RefreshResult {
  serial: number;
  isChanged: boolean;
  problems: string[];
}

export class ConfigurationStore {
  private current: ConfigurationView | undefined;
  private readonly options: ConfigurationStoreOptions;
  /** Problems from the last refresh (shown on the gateway's health page). */
  lastProblems: string[] = [];
  lastRefreshAt: Date | undefined;

  constructor(options: ConfigurationStoreOptions) {
    this.options = options;
    mkdirSync(options.dir, { recursive: true });
  }

  get view(): ConfigurationView | undefined {
    return this.current;
  }

  /** Loads the copies on disk, verifying them again (a file edited on disk is refused like a download). */
  loadFromDisk(): boolean {
    const own = this.readCopy(this.options.anchor.instance, this.options.anchor.signingKeys);
    if (!own) return false;
    const trusted = own.trustedFederations
      .map((t) => this.readCopy(t.instance, t.signingKeys))
      .filter((c): c is FederationConfiguration => c !== undefined);
    this.current = new ConfigurationView(own, trusted);
    return true;
  }

  async refresh(): Promise<RefreshResult> {
    const problems: string[] = [];
    const previousSerial = this.current?.own.serial;
    const own = await this.download(
      this.options.anchor.configurationUrl,
      this.options.anchor.instance,
      this.options.anchor.signingKeys,
      previousSerial,
    );
    const trusted: FederationConfiguration[] = [];
    for (const federation of own.trustedFederations) {
      try {
        const held = this.current?.federations.get(federation.instance);
        trusted.push(await this.download(federation.configurationUrl, federation.instance, federation.signingKeys, held?.serial));
      } catch (error) {
        problems.push(`${federation.instance}: ${(error as Error).message}`);
        const held = this.current?.federations.get(federation.instance);
        if (held && Date.parse(held.expiresAt) > this.options.now().getTime()) trusted.push(held);
      }
    }
    const isChanged = previousSerial !== own.serial || trusted.some((c) => this.current?.federations.get(c.instance)?.serial !== c.serial);
    if (isChanged || !this.current) this.current = new ConfigurationView(own, trusted);
    this.lastProblems = problems;
    this.lastRefreshAt = this.options.now();
    return { serial: own.serial, isChanged, problems };
  }

  private async download(
    url: string,
    instance: string,
    keys: SigningKey[],
    heldSerial: number | undefined,
  ): Promise<FederationConfiguration> {
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const document: unknown = await response.json();
    const configuration = verifyConfiguration(document, {
      anchors: keys,
      instance,
      now: this.options.now(),
      ...(heldSerial !== undefined ? { minimumSerial: heldSerial } : {}),
    });
    this.writeCopy(instance, document);
    return configuration;
  }

  private copyFile(instance: string): string {
    return join(this.options.dir, `${instance}.json`);
  }

  private writeCopy(instance: string, document: unknown): void {
    const file = this.copyFile(instance);
    writeFileSync(`${file}.tmp`, JSON.stringify(document));
    renameSync(`${file}.tmp`, file);
  }

  private readCopy(instance: string, keys: SigningKey[]): FederationConfiguration | undefined {
    const file = this.copyFile(instance);
    if (!existsSync(file)) return undefined;
    try {
      return verifyConfiguration(JSON.parse(readFileSync(file, 'utf8')), { anchors: keys, instance, now: this.options.now() });
    } catch (error) {
      if (error instanceof ConfigurationRejected || error instanceof SyntaxError) {
        this.lastProblems.push(`${file}: ${error.message}`);
        return undefined;
      }
      throw error;
    }
  }
}
