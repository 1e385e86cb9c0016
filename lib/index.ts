// Public API of cdktf-gcp-serverless. Only constructs, props interfaces, enums and factory classes are exported;
// no cdktf class appears in a public signature, so the library stays usable from CDK Terrain (cdktn).

// Shared
export { ValidationError } from './core/validation';
export type { ValidationProblem } from './core/validation';
export { Gunicorn, ServerModel } from './python/gunicorn';
export type { GunicornAsgiOptions, GunicornWsgiOptions } from './python/gunicorn';

// Cloud Run

// App Engine

// Policy checks
