/** How Cloud Run bills an instance and allocates its CPU. */
export enum Billing {
  /**
   * Request-based billing (`cpu_idle = true`): CPU only while requests are served, at startup and at shutdown.
   * Background threads are throttled between requests.
   */
  REQUEST = 'REQUEST',
  /**
   * Instance-based billing (`cpu_idle = false`): CPU for the whole instance lifetime, so background work keeps
   * running; billed while the instance exists.
   */
  INSTANCE = 'INSTANCE',
}

/** The sandbox a Cloud Run revision runs in. */
export enum ExecutionEnvironment {
  /** First generation: faster cold starts, at least 128 MiB, required below 1 vCPU. */
  GEN1 = 'EXECUTION_ENVIRONMENT_GEN1',
  /** Second generation: full Linux compatibility, network file systems; at least 512 MiB and 1 vCPU here. */
  GEN2 = 'EXECUTION_ENVIRONMENT_GEN2',
}

/** Where requests to the service may come from. */
export enum Ingress {
  /** From the internet and from inside the project (IAM still decides who may invoke). */
  ALL = 'INGRESS_TRAFFIC_ALL',
  /** Only from inside the project's VPC networks, Shared VPC and some Google services. */
  INTERNAL_ONLY = 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  /** Internal traffic and traffic through an external Application Load Balancer (Cloud Armor, IAP). */
  INTERNAL_AND_LOAD_BALANCER = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
}

/** Which outbound traffic goes through the VPC. */
export enum VpcEgress {
  /** All outbound traffic goes through the VPC (fixed egress IPs, firewall rules). */
  ALL_TRAFFIC = 'ALL_TRAFFIC',
  /** Only traffic to private IP ranges goes through the VPC (the platform default). */
  PRIVATE_RANGES_ONLY = 'PRIVATE_RANGES_ONLY',
}
