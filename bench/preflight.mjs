// What a bench needs before it starts (the build, a reference helm, the local cluster), checked up
// front so a missing piece is one line saying what to do, not a stack trace halfway through a run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The checks for one bench; `name` (bench/tiller) starts each message. Failing exits with status 2. */
export function preflight(name) {
  const fail = (what, how) => {
    console.error(`${name}: needs ${what}: ${how}`);
    process.exit(2);
  };
  return {
    /** Built files (paths from the repository root), made by `npm run build`. */
    build(...files) {
      const missing = files.find((file) => !existsSync(join(repo, file)));
      if (missing) fail(`the build (${missing} is missing)`, 'run npm run build');
    },
    /** The reference helm (v4) at `path`. */
    helm(path) {
      if (!existsSync(path)) {
        fail(
          `the reference helm at ${path}`,
          'pass --helm PATH or set HELM_BIN to a helm v4 (the tests install one in ~/.cache/helmts/helm-oracle/helm/helm)',
        );
      }
    },
    /**
     * A reachable Kubernetes API server: $KUBECONFIG, or the local cluster's. Returns the kubeconfig path.
     */
    async cluster() {
      const script = join(repo, 'scripts', 'local-cluster.sh');
      const start = 'start the local cluster (scripts/local-cluster.sh start) or set KUBECONFIG to a running one';
      let kubeconfig = process.env.KUBECONFIG;
      if (!kubeconfig) {
        try {
          execFileSync('bash', [script, 'status'], { stdio: 'ignore' });
        } catch {
          fail('the local cluster, which is not running', start);
        }
        kubeconfig = execFileSync('bash', [script, 'kubeconfig'], { encoding: 'utf8' }).trim().split('\n').pop();
      }
      if (!existsSync(kubeconfig)) fail(`a kubeconfig (${kubeconfig} does not exist)`, start);
      const server = /^\s*server:\s*(\S+)/m.exec(readFileSync(kubeconfig, 'utf8'))?.[1];
      if (!server) fail(`a cluster server in ${kubeconfig}`, start);
      const url = new URL(server);
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const reachable = await new Promise((resolve) => {
        const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port, timeout: 2000 });
        const answer = (ok) => {
          socket.destroy();
          resolve(ok);
        };
        socket.once('connect', () => answer(true));
        socket.once('timeout', () => answer(false));
        socket.once('error', () => answer(false));
      });
      if (!reachable) fail(`the Kubernetes API server at ${server}, which does not answer`, start);
      return kubeconfig;
    },
    /**
     * The local cluster's node (scripts/local-cluster.sh runs one): its name and busybox image, from
     * the script's `env`. Whether it is Ready is for the bench to check with its client.
     */
    node() {
      const script = join(repo, 'scripts', 'local-cluster.sh');
      let vars = '';
      try {
        vars = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
      } catch {
        // no cluster: reported below
      }
      const get = (name) => new RegExp(`^export ${name}=(.*)$`, 'm').exec(vars)?.[1];
      const name = get('HELMTS_CLUSTER_NODE_NAME');
      const busyboxImage = get('HELMTS_CLUSTER_BUSYBOX_IMAGE');
      if (!name || !busyboxImage)
        fail(
          "the local cluster's node, which is not running",
          'start the cluster with its node (scripts/local-cluster.sh start; not HELMTS_CLUSTER_NODE=0)',
        );
      return { name, busyboxImage };
    },
    /**
     * The directory of the real Helm 2.17 `helm` and `tiller`: `given` (--helm2-dir, HELM2_DIR), else
     * built and cached by shared/tools/helm2-oracle.sh, found as the tests find it (@helmts/testkit).
     * `optional`: undefined instead of failing when it cannot be built.
     */
    async helm2(given, { optional = false } = {}) {
      if (given) return given;
      const { helm2Oracle } = await import('../packages/testkit/dist/index.js');
      try {
        return helm2Oracle();
      } catch (error) {
        if (optional) return undefined;
        fail('the real Helm 2.17', `pass --helm2-dir DIR (${String(error.message).split('\n')[0]})`);
      }
    },
  };
}
