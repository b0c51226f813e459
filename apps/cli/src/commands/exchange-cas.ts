/**
 * `joinery exchange ca add|remove|list|crl`: the certification authorities whose gateway
 * certificates a federation accepts — its own, and external ones (a member's own PKI) whose
 * certificates its gateways may enrol with (`joinery gateway request-certificates`, then
 * `init --auth-certificate … --sign-certificate …`) — and those CAs' revocation lists.
 */
import { readFileSync } from 'node:fs';
import {
  applyRevocationList,
  listCertificationAuthorities,
  stopTrustingCertificationAuthority,
  trustCertificationAuthority,
} from '@joinery/exchange';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../run.ts';
import { CLI, federationOption, print, printJson, withAuthority } from './exchange-shared.ts';

function readFileOption(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InvalidArgumentError(`${option} ${file} cannot be read: ${(error as Error).message}`);
  }
}

const day = (instant: string | null) => (instant ? instant.slice(0, 10) : '');

export function addCertificationAuthorityCommands(exchange: Command): void {
  const ca = exchange
    .command('ca')
    .description('Certification authorities whose gateway certificates the federation accepts: its own and external ones');

  federationOption(ca.command('add'))
    .description('Trust an external CA: its members’ gateways may enrol with certificates it issued (the operators)')
    .requiredOption('--name <name>', 'what to call it, e.g. "Wessex Hospitals issuing CA"')
    .requiredOption('--certificate <file>', 'the CA’s certificate, PEM (basicConstraints cA, keyCertSign)')
    .addHelpText(
      'after',
      '\nCompare its fingerprint (printed) with the CA’s owner out of band before gateways enrol with it.\nIts gateway certificates need an Ed25519 key each; TLS: keyUsage digitalSignature, extendedKeyUsage serverAuth + clientAuth; signing: keyUsage nonRepudiation.',
    )
    .action(
      action(async (o: { federation: string; name: string; certificate: string }) => {
        const certificatePem = readFileOption('--certificate', o.certificate).toString('utf8');
        await withAuthority(async (authority) => {
          const trusted = await trustCertificationAuthority(authority, CLI, { federationCode: o.federation, name: o.name, certificatePem });
          print(`${o.federation} trusts ${trusted.name}: ${trusted.subject}`);
          print(`  SHA-256 fingerprint ${trusted.fingerprint}; valid until ${day(trusted.notAfter)}; a new configuration is published`);
        });
      }),
    );

  federationOption(ca.command('remove'))
    .description('Stop trusting an external CA: every certificate it issued to the federation’s gateways is revoked')
    .requiredOption('--fingerprint <sha256>', 'its SHA-256 fingerprint (from ca list; its label and colons allowed)')
    .requiredOption('--reason <text>', 'why (kept with the revocations)')
    .action(
      action(async (o: { federation: string; fingerprint: string; reason: string }) => {
        await withAuthority(async (authority) => {
          const result = await stopTrustingCertificationAuthority(authority, CLI, {
            federationCode: o.federation,
            fingerprint: o.fingerprint,
            reason: o.reason,
          });
          print(`${o.federation} no longer trusts ${result.authority.name}`);
          print(
            `  ${result.revokedSerialNumbers.length} gateway certificates revoked${result.revokedSerialNumbers.length ? `: ${result.revokedSerialNumbers.join(', ')}` : ''}`,
          );
        });
      }),
    );

  federationOption(ca.command('crl'))
    .description('Apply an external CA’s revocation list: the gateway certificates it lists are revoked here too (the operators)')
    .requiredOption('--fingerprint <sha256>', 'the CA’s SHA-256 fingerprint (from ca list; its label and colons allowed)')
    .requiredOption('--file <crl>', 'the CA’s full CRL, PEM or DER (as its distribution point serves it)')
    .addHelpText(
      'after',
      '\nApply each new list the CA publishes (a daily job, say): one older than the list applied is refused.\nEnrolment then refuses any certificate the list names. With OpenSSL: openssl ca -config ca.cnf -gencrl -out crl.pem',
    )
    .action(
      action(async (o: { federation: string; fingerprint: string; file: string }) => {
        const crl = readFileOption('--file', o.file);
        await withAuthority(async (authority) => {
          const result = await applyRevocationList(authority, CLI, { federationCode: o.federation, fingerprint: o.fingerprint, crl });
          const list = result.authority.revocationList!;
          print(
            `${result.authority.name}: revocation list${list.number ? ` number ${list.number}` : ''} of ${list.thisUpdate} applied; it lists ${result.listed} certificates`,
          );
          print(
            `  ${result.revokedSerialNumbers.length} gateway certificates revoked here now${result.revokedSerialNumbers.length ? `: ${result.revokedSerialNumbers.join(', ')}; a new configuration is published` : ''}${result.alreadyRevoked ? `; ${result.alreadyRevoked} were revoked already` : ''}`,
          );
          if (list.isOverdue) print(`  warning: the CA said it would issue the next list by ${list.nextUpdate}: ask it for a current one`);
        });
      }),
    );

  federationOption(ca.command('list'))
    .description('The federation’s own CA, then the external ones it trusts')
    .option('--removed', 'include those it no longer trusts')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; removed?: boolean; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const cas = await listCertificationAuthorities(authority, o.federation, { isIncludingRemoved: Boolean(o.removed) });
          if (o.json) return printJson(cas);
          for (const c of cas)
            print(
              `${c.fingerprint}\t${c.isExternal ? 'external' : 'own'}\t${c.isTrusted ? `${c.certificatesInForce} certificates in force` : `removed ${day(c.removedAt)}`}\tuntil ${day(c.notAfter)}\t${c.name}${c.revocationList ? `\tCRL of ${day(c.revocationList.thisUpdate)}${c.revocationList.isOverdue ? ' (overdue)' : ''}` : ''}`,
            );
        });
      }),
    );
}
