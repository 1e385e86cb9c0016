import { array, type FactoryInput, number, object, type Shape, string } from '../core/props';

/** One file of a file-by-file deployment. */
export interface DeploymentFile {
  /** Path of the file in the app, e.g. `main.py`. */
  readonly name: string;
  /** URL of the file in Cloud Storage, e.g. `https://storage.googleapis.com/my-bucket/main.py`. */
  readonly sourceUrl: string;
  /**
   * SHA1 checksum of the file.
   * @default - not checked
   */
  readonly sha1Sum?: string;
}

const ZIP_ARGUMENTS = object<{ readonly sourceUrl: string; readonly filesCount?: number }>({
  sourceUrl: string,
  filesCount: number.optional(),
});
const FILES_ARGUMENTS = object<{ readonly files: DeploymentFile[] }>({
  files: array(object<DeploymentFile>({ name: string, sourceUrl: string, sha1Sum: string.optional() }), {
    why: 'a deployment needs at least one file',
    fix: 'list the files of the app, or use Deployment.zip(url)',
  }),
});

/**
 * Where App Engine reads the code of a version. The arguments are checked by the construct they are given to, under
 * the prop's name (`deployment.sourceUrl`).
 */
export class Deployment {
  /**
   * A zip archive in Cloud Storage.
   * @param sourceUrl the archive's URL, e.g. `https://storage.googleapis.com/my-bucket/app.zip`
   * @param filesCount the number of files in the archive, if known (speeds up the deployment)
   */
  public static zip(sourceUrl: string, filesCount?: number): Deployment {
    return new Deployment(sourceUrl, filesCount, undefined, {
      value: { sourceUrl, filesCount },
      shape: ZIP_ARGUMENTS as Shape<unknown>,
    });
  }

  /** Individual files in Cloud Storage. */
  public static files(files: DeploymentFile[]): Deployment {
    return new Deployment(undefined, undefined, Array.isArray(files) ? files : [], {
      value: { files },
      shape: FILES_ARGUMENTS as Shape<unknown>,
    });
  }

  /** The zip archive's URL, for a zip deployment. */
  public readonly zipSourceUrl?: string;
  /** The number of files in the zip archive, when given. */
  public readonly zipFilesCount?: number;
  /** The files, for a file-by-file deployment. */
  public readonly fileList?: DeploymentFile[];
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  private constructor(
    zipSourceUrl: string | undefined,
    zipFilesCount: number | undefined,
    files: DeploymentFile[] | undefined,
    input: FactoryInput,
  ) {
    this._input = input;
    this.zipSourceUrl = zipSourceUrl;
    this.zipFilesCount = zipFilesCount;
    this.fileList = files;
  }
}
