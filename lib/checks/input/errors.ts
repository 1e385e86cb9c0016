/**
 * Input the checker cannot read as Terraform: what Terraform itself would refuse to read (a resource declared twice,
 * a block body that is not an object), or a document that is no Terraform configuration or plan at all. The engine
 * reports it as a `CheckInputError`; the command line as one line and exit code 2.
 * @internal
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
