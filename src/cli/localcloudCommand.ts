// `serverless-workbench localcloud --state-dir DIR [--port 4566]`: the embedded AWS endpoint, in the foreground.
import type { CliCommand } from '../cli';
import { runLocalCloud } from '../localcloud/runLocalCloud';

const localcloudCommand: CliCommand = (args) => runLocalCloud(args);
export default localcloudCommand;
