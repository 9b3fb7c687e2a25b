import { App } from 'cdktf';
import { readDeploySettings } from './config/deploy-settings';
import { EnclaveStack } from './stacks/enclave-stack';

// Wires the stack only; what it holds lives in its constructs (apps/infra/src/constructs).
const settings = readDeploySettings(process.env['ENCLAVE_CONFIG'] ?? 'enclave.config.json');
const app = new App();
new EnclaveStack(app, `enclave-${settings.stage}`, { settings });
app.synth();
