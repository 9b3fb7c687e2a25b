// Stands in for devstack in child-service.int-spec: starts the entry at argv[2] through
// spawnService, reports its pid and its output on stdout, and runs until it is killed.
import { spawnService } from '../child-service';

const [bundle = ''] = process.argv.slice(2);
const child = spawnService({
  name: 'child',
  bundle,
  env: Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  ),
  log: (line) => console.log(line),
});
console.log(`child pid ${child.pid}`);
