import {
  boolean,
  enumOf,
  type FactoryInput,
  number,
  object,
  optionsOf,
  record,
  type Shape,
  string,
} from '../core/props';

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

const handlerFields = {
  securityLevel: enumOf(SecurityLevel, 'SecurityLevel').optional(),
  login: enumOf(Login, 'Login').optional(),
  authFailAction: enumOf(AuthFailAction, 'AuthFailAction').optional(),
  redirectHttpResponseCode: number.optional(),
};
/** `Handler.script(urlRegex, options)`'s arguments, by name: the options flat, as written. */
const SCRIPT_ARGUMENTS = object<HandlerOptions & { readonly urlRegex: string }>(
  { urlRegex: string, ...handlerFields },
  'the options of Handler.script',
);
const STATIC_ARGUMENTS = object<StaticFilesOptions & { readonly urlRegex: string }>(
  {
    urlRegex: string,
    ...handlerFields,
    path: string,
    uploadPathRegex: string,
    expiration: number.optional(),
    httpHeaders: record(string).optional(),
    mimeType: string.optional(),
    requireMatchingFile: boolean.optional(),
    applicationReadable: boolean.optional(),
  },
  'the options of Handler.staticFiles',
);

/** The arguments of a handler factory as one object to check; options that are not an object are checked as given. */
function handlerInput(urlRegex: string, options: unknown, shape: Shape<unknown>): FactoryInput {
  const value =
    options === undefined || (options !== null && typeof options === 'object' && !Array.isArray(options))
      ? { ...(options as object), urlRegex }
      : options;
  return { value, shape };
}

/**
 * A URL handler of a version: the app (`script: auto`) or static files. The options are checked by the construct
 * they are given to, under the prop's name (`handlers.0.securityLevel`).
 */
export class Handler {
  /** Routes URLs matching `urlRegex` to the app (the only script python3 accepts is `auto`). */
  public static script(urlRegex: string, options: HandlerOptions = {}): Handler {
    return new Handler(
      urlRegex,
      optionsOf(options),
      undefined,
      handlerInput(urlRegex, options, SCRIPT_ARGUMENTS as Shape<unknown>),
    );
  }

  /** Serves static files for URLs matching `urlRegex`. */
  public static staticFiles(urlRegex: string, options: StaticFilesOptions): Handler {
    const o = optionsOf(options);
    return new Handler(urlRegex, o, o, handlerInput(urlRegex, options, STATIC_ARGUMENTS as Shape<unknown>));
  }

  /** The URL regex. */
  public readonly urlRegex: string;
  /** Options shared by every handler. */
  public readonly options: HandlerOptions;
  /** Static-file options, for a static handler. */
  public readonly staticFilesOptions?: StaticFilesOptions;
  /** What the factory was given, checked by the construct. @internal */
  public readonly _input: FactoryInput;

  private constructor(
    urlRegex: string,
    options: HandlerOptions,
    staticFiles: StaticFilesOptions | undefined,
    input: FactoryInput,
  ) {
    this._input = input;
    this.urlRegex = urlRegex;
    this.options = options;
    this.staticFilesOptions = staticFiles;
  }
}
