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

/** Where App Engine reads the code of a version. */
export class Deployment {
  /**
   * A zip archive in Cloud Storage.
   * @param sourceUrl the archive's URL, e.g. `https://storage.googleapis.com/my-bucket/app.zip`
   * @param filesCount the number of files in the archive, if known (speeds up the deployment)
   */
  public static zip(sourceUrl: string, filesCount?: number): Deployment {
    return new Deployment(sourceUrl, filesCount, undefined);
  }

  /** Individual files in Cloud Storage. */
  public static files(files: DeploymentFile[]): Deployment {
    return new Deployment(undefined, undefined, files);
  }

  /** The zip archive's URL, for a zip deployment. */
  public readonly zipSourceUrl?: string;
  /** The number of files in the zip archive, when given. */
  public readonly zipFilesCount?: number;
  /** The files, for a file-by-file deployment. */
  public readonly fileList?: DeploymentFile[];

  private constructor(
    zipSourceUrl: string | undefined,
    zipFilesCount: number | undefined,
    files: DeploymentFile[] | undefined,
  ) {
    this.zipSourceUrl = zipSourceUrl;
    this.zipFilesCount = zipFilesCount;
    this.fileList = files;
  }
}
