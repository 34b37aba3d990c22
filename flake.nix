{
  description = "Vigil: an LLM prompt guard on NATS JetStream (development shell)";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      systems = [
        "x86_64-linux"
        "aarch64-linux"
        "x86_64-darwin"
        "aarch64-darwin"
      ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      devShells = forAllSystems (
        pkgs:
        let
          lib = pkgs.lib;
          node = pkgs.nodejs_24;
        in
        {
          default = pkgs.mkShell {
            # nixpkgs' nats-server is newer than Debian's 2.9.10; Vigil targets 2.9 features only (design.md "NATS").
            packages = [
              node
              pkgs.pnpm_10
              pkgs.nats-server
              pkgs.natscli
            ]
            ++ lib.optional (lib.meta.availableOn pkgs.stdenv.hostPlatform pkgs.clickhouse) pkgs.clickhouse;

            shellHook = ''
              if [ ! -d node_modules ]; then
                echo "vigil: node_modules missing, running pnpm install --frozen-lockfile"
                pnpm install --frozen-lockfile
              fi

              # pnpm scripts run on the `node` devDependency, a generic Linux build that NixOS cannot execute
              # (no /lib64 loader unless nix-ld is enabled). Point it at nodejs_24 from this shell instead.
              if [ -x node_modules/.bin/node ] && ! node_modules/.bin/node --version >/dev/null 2>&1; then
                for bin in node_modules/.pnpm/node@*/node_modules/node/bin/node; do
                  ln -sf ${node}/bin/node "$bin"
                done
                echo "vigil: pnpm's node now points at ${node}/bin/node"
              fi

              echo "Vigil dev shell: node $(node --version), pnpm $(pnpm --version), $(nats-server --version)"
              echo "  pnpm start:detection    detection worker (also start:pii, start:arbiter, start:api)"
              echo "  pnpm start              all workers and the api in one process"
              echo "                          (starts a local nats-server when NATS_SERVERS is unreachable)"
              echo "  pnpm test               typecheck and all tests (integration tests start their own nats-server)"
              echo "  pnpm test:unit          domain tests only"
              echo "  nats-server -c infra/nats-server.conf -sd .data/nats    long-lived dev server on 127.0.0.1:4222"
              echo "  nats stream ls          inspect JetStream (natscli)"
            '';
          };
        }
      );
    };
}
