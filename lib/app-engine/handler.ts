/** Whether a handler redirects plain HTTP to HTTPS. */
export enum SecurityLevel {
  /** Redirect HTTP to HTTPS (the library's default). */
  SECURE_ALWAYS = 'SECURE_ALWAYS',
  /** Serve both HTTP and HTTPS. */
  SECURE_OPTIONAL = 'SECURE_OPTIONAL',
  /** Serve both; App Engine's own default. */
  SECURE_DEFAULT = 'SECURE_DEFAULT',
  /** Redirect HTTPS to HTTP. */
  SECURE_NEVER = 'SECURE_NEVER',
}

/** Whether a handler requires a signed-in user. */
export enum Login {
  /** No sign-in needed. */
  OPTIONAL = 'LOGIN_OPTIONAL',
  /** Any signed-in Google account. */
  REQUIRED = 'LOGIN_REQUIRED',
  /** Administrators of the project only. */
  ADMIN = 'LOGIN_ADMIN',
}

/** What happens when login is required and the user is not signed in. */
export enum AuthFailAction {
  /** Redirect to the sign-in page. */
  REDIRECT = 'AUTH_FAIL_ACTION_REDIRECT',
  /** Answer 401. */
  UNAUTHORIZED = 'AUTH_FAIL_ACTION_UNAUTHORIZED',
}

/** Options shared by every handler. */
export interface HandlerOptions {
  /**
   * HTTPS behaviour.
   * @default SecurityLevel.SECURE_ALWAYS
   */
  readonly securityLevel?: SecurityLevel;
  /**
   * Sign-in requirement.
   * @default Login.OPTIONAL (not written)
   */
  readonly login?: Login;
  /**
   * Action when sign-in is required and missing.
   * @default - App Engine's default (redirect)
   */
  readonly authFailAction?: AuthFailAction;
  /**
   * HTTP status of the HTTPS redirect: 301, 302, 303 or 307.
   * @default - App Engine's default (302)
   */
  readonly redirectHttpResponseCode?: number;
}

/** Options of a static-files handler. */
export interface StaticFilesOptions extends HandlerOptions {
  /** Path of the files served, relative to the app root; may use groups of the URL regex, e.g. `static/\\1`. */
  readonly path: string;
  /** Regex of the uploaded files this handler may serve, e.g. `static/.*`. */
  readonly uploadPathRegex: string;
  /**
   * Seconds browsers and proxies may cache the files.
   * @default - App Engine's default (10 minutes)
   */
  readonly expiration?: number;
  /**
   * HTTP headers added to responses.
   * @default - none
   */
  readonly httpHeaders?: Record<string, string>;
  /**
   * MIME type of the files.
   * @default - from the file extension
   */
  readonly mimeType?: string;
  /**
   * Serve the request from the app when no static file matches.
   * @default false
   */
  readonly requireMatchingFile?: boolean;
  /**
   * Also upload the files with the code, so the app can read them.
   * @default false
   */
  readonly applicationReadable?: boolean;
}

/** A URL handler of a version: the app (`script: auto`) or static files. */
export class Handler {
  /** Routes URLs matching `urlRegex` to the app (the only script python3 accepts is `auto`). */
  public static script(urlRegex: string, options: HandlerOptions = {}): Handler {
    return new Handler(urlRegex, options, undefined);
  }

  /** Serves static files for URLs matching `urlRegex`. */
  public static staticFiles(urlRegex: string, options: StaticFilesOptions): Handler {
    return new Handler(urlRegex, options, options);
  }

  /** The URL regex. */
  public readonly urlRegex: string;
  /** Options shared by every handler. */
  public readonly options: HandlerOptions;
  /** Static-file options, for a static handler. */
  public readonly staticFilesOptions?: StaticFilesOptions;

  private constructor(urlRegex: string, options: HandlerOptions, staticFiles: StaticFilesOptions | undefined) {
    this.urlRegex = urlRegex;
    this.options = options;
    this.staticFilesOptions = staticFiles;
  }
}
