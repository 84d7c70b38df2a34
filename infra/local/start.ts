/**
 * `npm start`'s entry: puts the allocator settings (malloc-settings.ts) in the environment
 * before the stack's process starts, then runs the stack (main.ts).
 *
 * glibc reads them only at process start, so this process re-executes itself with them:
 * `process.execve` replaces the program in place (same pid, same arguments, tsx's loader
 * kept), so tsx's signal relay and exit code work as before and no second process stays
 * around. Where Node has no `process.execve` (Windows, where glibc is not used anyway) the
 * stack runs with the allocator's defaults.
 */
import { withMallocSettings } from './malloc-settings';

const env = withMallocSettings(process.env);
if (env && process.execve) process.execve(process.execPath, [process.execPath, ...process.execArgv, ...process.argv.slice(1)], env);
else void import('./main');
