/**
 * Run before any data or user SQL: afterwards DuckDB reads only files registered under `uploads/`,
 * never the network (it would otherwise fetch any http(s) path by itself), loads no extension, and
 * no statement can change these settings back.
 */
export const LOCKDOWN_SQL: readonly string[] = [
  `SET allowed_directories = ['uploads/']`,
  `SET enable_external_access = false`,
  `SET autoload_known_extensions = false`,
  `SET autoinstall_known_extensions = false`,
  `SET allow_community_extensions = false`,
  `SET lock_configuration = true`,
];
