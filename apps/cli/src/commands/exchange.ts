/**
 * `joinery exchange`: the federation authority from the command line — federations, members,
 * subsystems, gateways (with their one-time enrolment tokens), certificates, services, access
 * rights, successions, trusted federations, the signed configuration and the operations view.
 * Each verb opens the configured database and acts as the system, audited as "cli".
 * (The gateway's own verbs are `joinery gateway …`.)
 */
import { writeFileSync } from 'node:fs';
import {
  addSubsystem,
  admitMember,
  approveGrant,
  configurationBySerial,
  createFederation,
  declareSuccession,
  federationAnchor,
  issueEnrolmentToken,
  latestConfiguration,
  listCertificates,
  listFederations,
  listGateways,
  listGrants,
  listMembers,
  listServices,
  listSuccessions,
  listTrustedFederations,
  operationsOverview,
  proposeGrant,
  publishNow,
  recertifyGrant,
  refuseGrant,
  registerGateway,
  registerService,
  revokeCertificate,
  revokeGateway,
  revokeGrant,
  revokeMember,
  setServiceEnabled,
  trustFederation,
  untrustFederation,
  updateService,
  withdrawSuccession,
  type Grant,
} from '@joinery/exchange';
import { InvalidArgumentError, type Command } from 'commander';
import { action } from '../run.ts';
import { addCertificationAuthorityCommands } from './exchange-cas.ts';
import { addEvidenceCommands } from './exchange-evidence.ts';
import { CLI, federationOption, print, printJson, readJsonFile, withAuthority } from './exchange-shared.ts';

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const hours = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 8760) throw new InvalidArgumentError('must be a whole number of hours from 1 to 8760');
  return n;
};

function describeGrant(g: Grant): string {
  const flags = [g.isExpired ? 'EXPIRED' : `${g.daysToExpiry} days left`, g.isRecertificationOverdue ? 'RECERTIFICATION OVERDUE' : '']
    .filter(Boolean)
    .join(', ');
  return `${g.id}  ${g.status.padEnd(10)} ${g.client} → ${g.service} [${g.operations.join(', ')}]  ${g.validFrom}..${g.expiresOn} (recertify by ${g.recertifyBy}; ${flags})`;
}

export function exchangeCommand(program: Command): void {
  const exchange = program
    .command('exchange')
    .description('The federation authority: federations, members, gateways, services, access rights and the signed configuration')
    .addHelpText(
      'after',
      '\nSee docs/exchange.md. Every change is audited as "cli" and publishes a new signed configuration where gateways need it.',
    );

  const federation = exchange.command('federation').description('Federations this server is the authority of');
  federation
    .command('create')
    .description(
      'Create a hosted federation: its CA, configuration-signing and timestamping keys (sealed under the exchange key), and its first configuration',
    )
    .requiredOption('--code <code>', 'its code, the first part of every identifier, e.g. wessex')
    .requiredOption('--name <name>', 'its name, e.g. "Wessex Data Exchange"')
    .requiredOption(
      '--url <url>',
      'this server’s public base URL, e.g. https://exchange.wessex.example (gateways fetch <url>/api/exchange/federations/<code>/configuration)',
    )
    .requiredOption(
      '--operator <organisation>',
      'the organisation that operates it: its administrators admit members, record trust and publish',
    )
    .option('--members <organisations>', 'organisations to admit at once, comma-separated', list)
    .option('--validity-hours <n>', 'how long each configuration stays valid (default 168)', hours)
    .addHelpText(
      'after',
      '\nThe private keys are sealed with JOINERY_EXCHANGE_KEY (base64, 32 bytes) or, when it is not set, a key generated into <data folder>/exchange-key. Keep that key: without it the federation’s keys cannot be used.',
    )
    .action(
      action(async (o: { code: string; name: string; url: string; operator: string; members?: string[]; validityHours?: number }) => {
        await withAuthority(async (authority) => {
          const f = await createFederation(authority, CLI, {
            code: o.code,
            name: o.name,
            publicUrl: o.url,
            operatorOrganisationCode: o.operator,
            organisationCodes: o.members,
            configurationValidityHours: o.validityHours,
          });
          const anchor = await federationAnchor(authority, f.code);
          print(`Federation ${f.code} created, operated by ${f.operatorOrganisationCode}`);
          print(`Configuration: ${f.configurationUrl}`);
          for (const key of anchor.signingKeys) print(`Signing key: ${key.keyId}`);
        });
      }),
    );
  federation
    .command('list')
    .description('Every federation this server knows: its own (hosted) and those it trusts')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { json?: boolean }) => {
        await withAuthority(async (authority) => {
          const all = await listFederations(authority);
          if (o.json) return printJson(all);
          for (const f of all) print(`${f.code}\t${f.isHosted ? 'hosted' : 'known'}\t${f.name}\t${f.configurationUrl}`);
        });
      }),
    );

  const member = exchange.command('member').description('Members of a federation (admitted by its operators)');
  federationOption(member.command('add'))
    .description('Admit an organisation; its class follows from its type (GOV, NHS, NGO, COM) unless given')
    .requiredOption('--organisation <code>', 'the organisation, e.g. casterbridge')
    .option('--class <class>', 'GOV, NHS, NGO or COM')
    .action(
      action(async (o: { federation: string; organisation: string; class?: string }) => {
        await withAuthority(async (authority) => {
          const m = await admitMember(authority, CLI, {
            federationCode: o.federation,
            organisationCode: o.organisation,
            memberClass: o.class,
          });
          print(`${m.id} admitted (${m.name})`);
        });
      }),
    );
  federationOption(member.command('revoke'))
    .description('Revoke a member: its gateways and their certificates are revoked too')
    .requiredOption('--member <code>', 'the member, e.g. casterbridge')
    .requiredOption('--reason <text>', 'why (kept with the revocation)')
    .action(
      action(async (o: { federation: string; member: string; reason: string }) => {
        await withAuthority(async (authority) => {
          const m = await revokeMember(authority, CLI, { federationCode: o.federation, memberCode: o.member, reason: o.reason });
          print(`${m.id} revoked`);
        });
      }),
    );
  federationOption(member.command('list'))
    .description('The members and their subsystems')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const members = await listMembers(authority, o.federation);
          if (o.json) return printJson(members);
          for (const m of members) print(`${m.id}\t${m.status}\t${m.name}\t${m.subsystems.map((s) => s.code).join(', ')}`);
        });
      }),
    );

  federationOption(exchange.command('subsystem').description('Subsystems: a member’s systems that call or provide services').command('add'))
    .description('Add a subsystem to a member')
    .requiredOption('--member <code>', 'the member, e.g. casterbridge')
    .requiredOption('--code <code>', 'the subsystem’s code, e.g. housing')
    .requiredOption('--name <name>', 'what the system is')
    .action(
      action(async (o: { federation: string; member: string; code: string; name: string }) => {
        await withAuthority(async (authority) => {
          const m = await addSubsystem(authority, CLI, { federationCode: o.federation, memberCode: o.member, code: o.code, name: o.name });
          print(`${m.id}/${o.code} added`);
        });
      }),
    );

  const gateway = exchange.command('gateway').description('Gateways registered with the authority, and their enrolment tokens');
  federationOption(gateway.command('register'))
    .description('Register a member’s gateway and print its one-time enrolment token (valid 24 hours, shown once)')
    .requiredOption('--member <code>', 'the member, e.g. casterbridge')
    .requiredOption('--code <code>', 'the gateway’s code, e.g. gw1')
    .requiredOption('--address <url>', 'where other gateways reach it, https://host:port, e.g. https://127.0.0.1:5501')
    .addHelpText(
      'after',
      '\nGive the token to the gateway’s administrator: joinery gateway init --dir <folder> --token <token>. It carries the federation, the gateway id, the configuration URL and the signing key’s id.',
    )
    .action(
      action(async (o: { federation: string; member: string; code: string; address: string }) => {
        await withAuthority(async (authority) => {
          const issued = await registerGateway(authority, CLI, {
            federationCode: o.federation,
            memberCode: o.member,
            gatewayCode: o.code,
            address: o.address,
          });
          process.stderr.write(`${issued.gateway.id} registered; enrolment token (works once, until ${issued.expiresAt}):\n`);
          print(issued.token);
        });
      }),
    );
  federationOption(gateway.command('token'))
    .description('A new enrolment token for a registered gateway (lost token, certificate renewal); its unused tokens stop working')
    .requiredOption('--member <code>', 'the member')
    .requiredOption('--code <code>', 'the gateway’s code')
    .action(
      action(async (o: { federation: string; member: string; code: string }) => {
        await withAuthority(async (authority) => {
          const issued = await issueEnrolmentToken(authority, CLI, {
            federationCode: o.federation,
            memberCode: o.member,
            gatewayCode: o.code,
          });
          process.stderr.write(`Enrolment token for ${issued.gateway.id} (works once, until ${issued.expiresAt}):\n`);
          print(issued.token);
        });
      }),
    );
  federationOption(gateway.command('revoke'))
    .description('Revoke a gateway and its certificates')
    .requiredOption('--member <code>', 'the member')
    .requiredOption('--code <code>', 'the gateway’s code')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (o: { federation: string; member: string; code: string; reason: string }) => {
        await withAuthority(async (authority) => {
          const g = await revokeGateway(authority, CLI, {
            federationCode: o.federation,
            memberCode: o.member,
            gatewayCode: o.code,
            reason: o.reason,
          });
          print(`${g.id} revoked`);
        });
      }),
    );
  federationOption(gateway.command('list'))
    .description('The federation’s gateways')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const gateways = await listGateways(authority, o.federation);
          if (o.json) return printJson(gateways);
          for (const g of gateways) print(`${g.id}\t${g.status}\t${g.address}`);
        });
      }),
    );

  const certificate = exchange.command('certificate').description('Certificates the federation’s CA has issued');
  federationOption(certificate.command('list'))
    .description('Every certificate, newest first')
    .option('--member <code>', 'one member’s')
    .option('--json', 'print JSON (with the PEM)')
    .action(
      action(async (o: { federation: string; member?: string; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const certificates = await listCertificates(authority, o.federation, { memberCode: o.member });
          if (o.json) return printJson(certificates);
          for (const c of certificates)
            print(
              `${c.serialNumber}\t${c.usage}\t${c.gatewayId ?? '(authority)'}\tuntil ${c.notAfter}${c.revokedAt ? `\tREVOKED ${c.revokedAt}: ${c.revokedReason}` : ''}`,
            );
        });
      }),
    );
  federationOption(certificate.command('revoke'))
    .description('Revoke a gateway’s certificate (its serial goes into the next configuration)')
    .argument('<serial>', 'the serial number, hex')
    .requiredOption('--reason <text>', 'why')
    .action(
      action(async (serial: string, o: { federation: string; reason: string }) => {
        await withAuthority(async (authority) => {
          const c = await revokeCertificate(authority, CLI, { federationCode: o.federation, serialNumber: serial, reason: o.reason });
          print(`${c.serialNumber} (${c.usage}, ${c.gatewayId}) revoked`);
        });
      }),
    );

  const service = exchange.command('service').description('Services providers offer, each described by OpenAPI 3.1');
  federationOption(service.command('register'))
    .description('Register a service with its OpenAPI 3.1 document; operations without an operationId get <method>-<path>')
    .requiredOption('--member <code>', 'the provider, e.g. wessex-council')
    .requiredOption('--subsystem <code>', 'the providing subsystem, e.g. addresses')
    .requiredOption('--code <code>', 'the service’s code, e.g. address-lookup')
    .option('--service-version <version>', 'the service’s version, e.g. v1')
    .requiredOption('--gateway <code>', 'the provider’s gateway that serves it')
    .requiredOption('--title <title>', 'what it does, in a few words')
    .requiredOption('--openapi <file>', 'the OpenAPI 3.1 document (JSON)')
    .action(
      action(
        async (o: {
          federation: string;
          member: string;
          subsystem: string;
          code: string;
          serviceVersion?: string;
          gateway: string;
          title: string;
          openapi: string;
        }) => {
          const openApi = readJsonFile(o.openapi, '--openapi');
          await withAuthority(async (authority) => {
            const r = await registerService(authority, CLI, {
              federationCode: o.federation,
              memberCode: o.member,
              subsystemCode: o.subsystem,
              serviceCode: o.code,
              serviceVersion: o.serviceVersion,
              gatewayCode: o.gateway,
              title: o.title,
              openApi,
            });
            print(`${r.service.id} registered: ${r.service.operations.length} operations, OpenAPI sha256 ${r.service.openApiSha256}`);
            if (r.derivedOperationIds.length) print(`operationIds derived as <method>-<path>: ${r.derivedOperationIds.join(', ')}`);
          });
        },
      ),
    );
  federationOption(service.command('update'))
    .description('Change a service’s title, gateway or OpenAPI document')
    .requiredOption('--service <id>', 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]')
    .option('--title <title>', 'a new title')
    .option('--gateway <code>', 'another of the provider’s gateways')
    .option('--openapi <file>', 'a new OpenAPI 3.1 document (JSON)')
    .action(
      action(async (o: { federation: string; service: string; title?: string; gateway?: string; openapi?: string }) => {
        const openApi = o.openapi ? readJsonFile(o.openapi, '--openapi') : undefined;
        await withAuthority(async (authority) => {
          const r = await updateService(authority, CLI, {
            federationCode: o.federation,
            serviceId: o.service,
            title: o.title,
            gatewayCode: o.gateway,
            openApi,
          });
          print(`${r.service.id} updated: OpenAPI sha256 ${r.service.openApiSha256}`);
        });
      }),
    );
  for (const [verb, isEnabled] of [
    ['disable', false],
    ['enable', true],
  ] as const)
    federationOption(service.command(verb))
      .description(
        isEnabled
          ? 'Put a disabled service back into the configuration'
          : 'Take a service out of the configuration (its grants stay recorded)',
      )
      .requiredOption('--service <id>', 'INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]')
      .action(
        action(async (o: { federation: string; service: string }) => {
          await withAuthority(async (authority) => {
            const s = await setServiceEnabled(authority, CLI, { federationCode: o.federation, serviceId: o.service, isEnabled });
            print(`${s.id} ${s.isEnabled ? 'enabled' : 'disabled'}`);
          });
        }),
      );
  federationOption(service.command('list'))
    .description('The federation’s services and their operations')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const services = await listServices(authority, o.federation);
          if (o.json) return printJson(services);
          for (const s of services)
            print(`${s.id}\t${s.isEnabled ? 'enabled' : 'disabled'}\t${s.title}\t${s.operations.map((op) => op.operationId).join(', ')}`);
        });
      }),
    );

  const grant = exchange
    .command('grant')
    .description('Access rights: a client subsystem may call a service’s operations, for a purpose, until a date');
  federationOption(grant.command('propose'))
    .description('Propose an access right; in force once the provider approves it')
    .requiredOption('--client <id>', 'the client subsystem, INSTANCE/CLASS/MEMBER/SUBSYSTEM (may be of a trusted federation)')
    .requiredOption('--service <id>', 'the service, INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/VERSION]')
    .option('--operations <ids>', 'operationIds, comma-separated, or * for all', list, ['*'])
    .requiredOption('--purpose <text>', 'what the data is for')
    .requiredOption('--lawful-basis <text>', 'e.g. "UK GDPR 6(1)(e)"')
    .requiredOption('--agreement <text>', 'the data-sharing agreement it rests on')
    .requiredOption('--valid-from <date>', 'YYYY-MM-DD')
    .requiredOption('--expires-on <date>', 'YYYY-MM-DD: the day it stops working')
    .requiredOption('--recertify-by <date>', 'YYYY-MM-DD, on or before --expires-on')
    .option('--supersedes <id>', 'the approved grant this one changes (it stays in force until this one is approved)')
    .action(
      action(
        async (o: {
          federation: string;
          client: string;
          service: string;
          operations: string[];
          purpose: string;
          lawfulBasis: string;
          agreement: string;
          validFrom: string;
          expiresOn: string;
          recertifyBy: string;
          supersedes?: string;
        }) => {
          await withAuthority(async (authority) => {
            const g = await proposeGrant(authority, CLI, { federationCode: o.federation, ...o });
            print(describeGrant(g));
          });
        },
      ),
    );
  for (const [verb, decide] of [
    ['approve', approveGrant],
    ['refuse', refuseGrant],
    ['revoke', revokeGrant],
  ] as const)
    federationOption(grant.command(verb))
      .description(
        verb === 'approve'
          ? 'Approve a proposed access right, for the provider'
          : verb === 'refuse'
            ? 'Refuse a proposed access right'
            : 'Revoke an approved access right',
      )
      .argument('<id>', 'the grant’s id')
      .requiredOption('--note <text>', 'why (kept with the decision)')
      .action(
        action(async (id: string, o: { federation: string; note: string }) => {
          await withAuthority(async (authority) =>
            print(describeGrant(await decide(authority, CLI, { federationCode: o.federation, grantId: id, note: o.note }))),
          );
        }),
      );
  federationOption(grant.command('recertify'))
    .description('Confirm an approved access right is still needed, with the next recertification day')
    .argument('<id>', 'the grant’s id')
    .requiredOption('--recertify-by <date>', 'YYYY-MM-DD, after today and on or before its expiry')
    .option('--note <text>', 'a note')
    .action(
      action(async (id: string, o: { federation: string; recertifyBy: string; note?: string }) => {
        await withAuthority(async (authority) =>
          print(
            describeGrant(
              await recertifyGrant(authority, CLI, { federationCode: o.federation, grantId: id, recertifyBy: o.recertifyBy, note: o.note }),
            ),
          ),
        );
      }),
    );
  federationOption(grant.command('list'))
    .description('Access rights with their status, days to expiry and whether recertification is overdue')
    .option('--status <status>', 'proposed, approved, refused, revoked or superseded')
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; status?: Grant['status']; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const grants = await listGrants(authority, o.federation, { status: o.status });
          if (o.json) return printJson(grants);
          for (const g of grants) print(describeGrant(g));
        });
      }),
    );

  const succession = exchange.command('succession').description('Reorganisation: a member succeeds another, with a dual-running period');
  federationOption(succession.command('declare'))
    .description('Declare that a member succeeds another; during dual running gateways route both')
    .requiredOption('--predecessor <member>', 'the member being succeeded')
    .requiredOption('--successor <member>', 'the member that succeeds it')
    .requiredOption('--from <date>', 'first day of dual running, YYYY-MM-DD')
    .requiredOption('--until <date>', 'last day of dual running, YYYY-MM-DD')
    .action(
      action(async (o: { federation: string; predecessor: string; successor: string; from: string; until: string }) => {
        await withAuthority(async (authority) => {
          const s = await declareSuccession(authority, CLI, {
            federationCode: o.federation,
            predecessorCode: o.predecessor,
            successorCode: o.successor,
            dualRunningFrom: o.from,
            dualRunningUntil: o.until,
          });
          print(`${s.successor} succeeds ${s.predecessor}; dual running ${s.dualRunningFrom} to ${s.dualRunningUntil}`);
        });
      }),
    );
  federationOption(succession.command('withdraw'))
    .description('Withdraw a declared succession')
    .requiredOption('--predecessor <member>', 'the member that was to be succeeded')
    .action(
      action(async (o: { federation: string; predecessor: string }) => {
        await withAuthority(async (authority) => {
          await withdrawSuccession(authority, CLI, { federationCode: o.federation, predecessorCode: o.predecessor });
          print(`The succession of ${o.predecessor} is withdrawn`);
        });
      }),
    );
  federationOption(succession.command('list'))
    .description('Declared successions')
    .action(
      action(async (o: { federation: string }) => {
        await withAuthority(async (authority) => {
          for (const s of await listSuccessions(authority, o.federation))
            print(`${s.predecessor} → ${s.successor}\t${s.dualRunningFrom}..${s.dualRunningUntil}`);
        });
      }),
    );

  const trust = exchange.command('trust').description('Other federations whose members may be granted access here');
  federationOption(trust.command('add'))
    .description('Trust another federation from its anchor (GET <its server>/api/exchange/federations/<code>/anchor)')
    .requiredOption('--anchor <file>', 'the anchor, JSON: { instance, name, configurationUrl, signingKeys }')
    .option('--code <code>', 'its code (default: the anchor’s instance)')
    .option('--name <name>', 'its name (default: the anchor’s)')
    .addHelpText('after', '\nCompare the signing key ids with the other authority out of band before trusting them.')
    .action(
      action(async (o: { federation: string; anchor: string; code?: string; name?: string }) => {
        const anchor = readJsonFile(o.anchor, '--anchor') as {
          instance?: string;
          name?: string;
          configurationUrl?: string;
          signingKeys?: { keyId: string; publicKeyPem: string }[];
        };
        await withAuthority(async (authority) => {
          const t = await trustFederation(authority, CLI, {
            federationCode: o.federation,
            code: o.code ?? anchor.instance ?? '',
            name: o.name ?? anchor.name ?? anchor.instance ?? '',
            configurationUrl: anchor.configurationUrl ?? '',
            signingKeys: anchor.signingKeys ?? [],
          });
          print(`${o.federation} trusts ${t.code} (${t.signingKeys.map((k) => k.keyId.slice(0, 16)).join(', ')}…)`);
        });
      }),
    );
  federationOption(trust.command('remove'))
    .description('Stop trusting a federation')
    .requiredOption('--code <code>', 'its code')
    .action(
      action(async (o: { federation: string; code: string }) => {
        await withAuthority(async (authority) => {
          await untrustFederation(authority, CLI, { federationCode: o.federation, code: o.code });
          print(`${o.federation} no longer trusts ${o.code}`);
        });
      }),
    );
  federationOption(trust.command('list'))
    .description('Trusted federations')
    .action(
      action(async (o: { federation: string }) => {
        await withAuthority(async (authority) => {
          for (const t of await listTrustedFederations(authority, o.federation)) print(`${t.code}\t${t.name}\t${t.configurationUrl}`);
        });
      }),
    );

  const configuration = exchange.command('configuration').description('The signed federation configuration gateways download');
  federationOption(configuration.command('publish'))
    .description('Publish a new configuration now (e.g. before the current one expires)')
    .action(
      action(async (o: { federation: string }) => {
        await withAuthority(async (authority) => {
          const signed = await publishNow(authority, CLI, o.federation);
          print(`Configuration ${signed.configuration.serial} published, valid until ${signed.configuration.expiresAt}`);
        });
      }),
    );
  federationOption(configuration.command('show'))
    .description('Print the latest (or one) signed configuration, JSON')
    .option('--serial <n>', 'a published serial', (v) => Number(v))
    .option('--out <file>', 'write it to a file instead')
    .action(
      action(async (o: { federation: string; serial?: number; out?: string }) => {
        await withAuthority(async (authority) => {
          const signed = o.serial
            ? await configurationBySerial(authority, o.federation, o.serial)
            : await latestConfiguration(authority, o.federation);
          const text = `${JSON.stringify(signed ?? null, null, 2)}\n`;
          if (o.out) writeFileSync(o.out, text);
          else process.stdout.write(text);
        });
      }),
    );
  federationOption(configuration.command('anchor'))
    .description('Print the federation’s anchor (where its configuration is, which keys sign it), JSON, for another authority to trust')
    .option('--out <file>', 'write it to a file instead')
    .action(
      action(async (o: { federation: string; out?: string }) => {
        await withAuthority(async (authority) => {
          const text = `${JSON.stringify(await federationAnchor(authority, o.federation), null, 2)}\n`;
          if (o.out) writeFileSync(o.out, text);
          else process.stdout.write(text);
        });
      }),
    );

  federationOption(exchange.command('operations'))
    .description('The federation in operation: gateways’ health, traffic per service and client, certificates about to expire')
    .option('--hours <n>', 'the traffic window (default 24)', (v) => Number(v))
    .option('--json', 'print JSON')
    .action(
      action(async (o: { federation: string; hours?: number; json?: boolean }) => {
        await withAuthority(async (authority) => {
          const overview = await operationsOverview(authority, CLI, o.federation, { windowHours: o.hours ?? 24 });
          if (o.json) return printJson(overview);
          print(`Gateways (${overview.gateways.length}):`);
          for (const g of overview.gateways)
            print(
              `  ${g.gatewayId}\t${g.health}\tlast report ${g.lastReportAt ?? 'never'}${g.logHead ? `\tlog head ${g.logHead.seq}` : ''}`,
            );
          print(`Traffic, last ${overview.windowHours} hours (${overview.traffic.length}):`);
          for (const t of overview.traffic)
            print(
              `  ${t.gatewayId}: ${t.client} → ${t.service}\t${t.requests} requests, ${t.errors} errors, p50 ${t.p50Ms} ms, p99 ${t.p99Ms} ms`,
            );
          print(`Certificates ending within 30 days (${overview.certificateWarnings.length}):`);
          for (const c of overview.certificateWarnings)
            print(
              `  ${c.serialNumber}\t${c.usage}\t${c.memberCode ?? 'authority'}/${c.gatewayCode ?? ''}\t${c.isExpired ? 'EXPIRED' : `${c.daysLeft} days`} (${c.notAfter})`,
            );
          if (overview.revocationListWarnings.length)
            print(`Member CAs' revocation lists overdue (${overview.revocationListWarnings.length}):`);
          for (const l of overview.revocationListWarnings)
            print(`  ${l.fingerprint}\t${l.name}\tdue ${l.nextUpdate}: apply its current list (joinery exchange ca crl)`);
        });
      }),
    );
  addCertificationAuthorityCommands(exchange);
  addEvidenceCommands(exchange);
}
