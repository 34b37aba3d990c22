import { connect } from "@nats-io/transport-node"
import { credsAuthenticator, type ConnectionOptions, type NatsConnection as Connection } from "@nats-io/nats-core"
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream"
import { Config, Context, Duration, Effect, Layer, Option, Redacted, Schedule, Schema, Stream } from "effect"
import { readFileSync } from "node:fs"

export class NatsConnectError extends Schema.TaggedError<NatsConnectError>()("NatsConnectError", {
  servers: Schema.String,
  message: Schema.String
}) {}

export interface NatsSettings {
  readonly servers: ReadonlyArray<string>
  readonly name: string
  readonly user: Option.Option<string>
  readonly password: Option.Option<Redacted.Redacted>
  readonly credsFile: Option.Option<string>
  readonly tls: { readonly caFile: Option.Option<string>; readonly certFile: Option.Option<string>; readonly keyFile: Option.Option<string> }
  readonly connectTimeout: Duration.Duration
}

export const settingsConfig = (name: string): Config.Config<NatsSettings> =>
  Config.all({
    servers: Config.String("NATS_SERVERS").pipe(
      Config.withDefault("nats://127.0.0.1:4222"),
      Config.map((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0))
    ),
    name: Config.String("NATS_NAME").pipe(Config.withDefault(name)),
    user: Config.option(Config.String("NATS_USER")),
    password: Config.option(Config.Redacted("NATS_PASSWORD")),
    credsFile: Config.option(Config.String("NATS_CREDS")),
    tls: Config.all({
      caFile: Config.option(Config.String("NATS_TLS_CA")),
      certFile: Config.option(Config.String("NATS_TLS_CERT")),
      keyFile: Config.option(Config.String("NATS_TLS_KEY"))
    }),
    connectTimeout: Config.Duration("NATS_CONNECT_TIMEOUT").pipe(Config.withDefault(Duration.seconds(30)))
  })

const connectionOptions = (s: NatsSettings): ConnectionOptions => {
  const tlsFiles = Object.fromEntries(
    Object.entries(s.tls).flatMap(([k, v]) => Option.isSome(v) ? [[k, v.value]] : [])
  )
  return {
    servers: [...s.servers],
    name: s.name,
    // Workers outlive NATS restarts: reconnect forever and let the client buffer while it does.
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // Otherwise every request and publish builds an Error up front for its stack (measured ~5-9 % of a
    // worker's CPU under load); our errors name the subject that failed instead.
    noAsyncTraces: true,
    ...(Option.isSome(s.user) ? { user: s.user.value } : {}),
    ...(Option.isSome(s.password) ? { pass: Redacted.value(s.password.value) } : {}),
    ...(Option.isSome(s.credsFile) ? { authenticator: credsAuthenticator(readFileSync(s.credsFile.value)) } : {}),
    ...(Object.keys(tlsFiles).length > 0 ? { tls: tlsFiles } : {})
  }
}

/** One connection per process, shared by every worker and the api; drained when the scope closes. */
export class Nats extends Context.Service<Nats, {
  readonly nc: Connection
  readonly js: JetStreamClient
  readonly jsm: JetStreamManager
  readonly servers: string
}>()("vigil/NatsConnection") {
  static readonly layer = (settings: NatsSettings) =>
    Layer.effect(Nats, Effect.gen(function*() {
      const servers = settings.servers.join(",")
      const nc = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => connect(connectionOptions(settings)),
          catch: (e) => new NatsConnectError({ servers, message: String((e as Error)?.message ?? e) })
        }).pipe(
          Effect.tapError((e) => Effect.logWarning(`NATS not reachable at ${servers}: ${e.message}; retrying`)),
          Effect.retry(Schedule.spaced("1 second")),
          Effect.timeoutOrElse({
            duration: settings.connectTimeout,
            orElse: () =>
              Effect.fail(new NatsConnectError({
                servers,
                message: `could not connect within ${Duration.format(settings.connectTimeout)}; is nats-server running (NATS_SERVERS=${servers})?`
              }))
          })
        ),
        (nc) =>
          Effect.promise(() => nc.drain().catch(() => nc.close())).pipe(
            Effect.timeout("10 seconds"),
            Effect.ignore,
            Effect.andThen(Effect.logInfo("NATS connection drained"))
          )
      )
      yield* Effect.logInfo(`connected to NATS ${nc.getServer()}`)
      yield* Stream.fromAsyncIterable(nc.status(), (e) => e).pipe(
        Stream.runForEach((s) =>
          s.type === "disconnect" || s.type === "reconnecting" || s.type === "error" || s.type === "staleConnection"
            ? Effect.logWarning(`NATS ${s.type}`, s)
            : s.type === "ping" ? Effect.void : Effect.logInfo(`NATS ${s.type}`, s)
        ),
        Effect.ignore,
        Effect.forkScoped
      )
      const jsm = yield* Effect.tryPromise({
        try: () => jetstreamManager(nc),
        catch: (e) => new NatsConnectError({ servers, message: `JetStream unavailable: ${String(e)}` })
      })
      return Nats.of({ nc, js: jetstream(nc), jsm, servers })
    }))

  static readonly layerConfig = (name: string) =>
    Layer.unwrap(Effect.map(settingsConfig(name), Nats.layer))
}
