/** The `joinery` command: one verb per job, `--help` on each. */
import { buildProgram } from './program.ts';

await buildProgram().parseAsync(process.argv);
