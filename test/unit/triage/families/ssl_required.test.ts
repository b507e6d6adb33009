import { corpusCases, runFamilyTester } from '../../../support/family-tester.ts';

runFamilyTester('ssl_required', {
  valid: corpusCases('ssl_required'),
  invalid: [
    {
      title: "libpq's plaintext retry after the TLS attempt failed the password (sslmode=prefer)",
      text: "psql: error: connection to server at \"ep-billowing-fun-123456.us-west-2.aws.neon.tech\" (203.0.113.89), port 5432 failed: ERROR:  password authentication failed for user 'neondb_owner'\nconnection to server at \"ep-billowing-fun-123456.us-west-2.aws.neon.tech\" (203.0.113.89), port 5432 failed: ERROR:  connection is insecure (try using `sslmode=require`)",
      source: 'PostgreSQL src/interfaces/libpq/fe-connect.c PQconnectPoll (sslmode=prefer retries without TLS); neon.com/docs/connect/connection-errors#password-authentication-failed-for-user',
      family: 'auth_failed',
    },
    {
      title: "an RDS Proxy whose certificate the client does not trust (TLS used, not refused; batch 33)",
      text: "Error: self-signed certificate in certificate chain (connecting to my-proxy.proxy-abc123.us-east-1.rds.amazonaws.com:5432)",
      source: "Node's TLS verification against an RDS Proxy endpoint, near \"This RDS Proxy requires TLS connections\" (cweijan/vscode-database-client#808)",
      family: 'ssl_verify_failed',
    },
    {
      title: 'the translated pg_hba rejection of a connection that already used TLS',
      text: '致命错误:  没有用于主机 "192.168.137.1", 用户 "postgres", 数据库 "postgres", SSL encryption 的 pg_hba.conf 记录',
      source: 'PostgreSQL zh_CN translation of "no pg_hba.conf entry for host ..., SSL encryption" as users paste it (the "no encryption" / "SSL 关闭" forms are ssl_required)',
      family: 'unknown',
    },
    {
      title: 'a server without TLS',
      text: 'Error: The server does not support SSL connections',
      source: 'brianc/node-postgres#3386',
      family: 'ssl_unsupported',
    },
    {
      title: 'an untrusted certificate',
      text: 'Error: self-signed certificate in certificate chain',
      source: 'run-llama/LlamaIndexTS#366',
      family: 'ssl_verify_failed',
    },
    {
      title: 'a refused connection whose URL asks for sslmode=require',
      text: 'Error: connect ECONNREFUSED 10.0.3.7:5432 (DATABASE_URL=postgresql://app@10.0.3.7/app?sslmode=require)',
      source: 'Node.js net ECONNREFUSED with the URL quoted by the user',
      family: 'cannot_connect',
    },
  ],
});
