/** Every room's migrations, in dependency order. Add a room's here when it is composed in. */
import { CORE_MIGRATIONS, type MigrationSource } from '@joinery/core';
import { ESTATE_MIGRATIONS } from '@joinery/estate';
import { EXCHANGE_MIGRATIONS } from '@joinery/exchange';
import { REGISTERS_MIGRATIONS } from '@joinery/registers';

export const MIGRATIONS: MigrationSource[] = [CORE_MIGRATIONS, REGISTERS_MIGRATIONS, ESTATE_MIGRATIONS, EXCHANGE_MIGRATIONS];
