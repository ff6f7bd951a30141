package dev.stepsolver.emulator.http;

import dev.stepsolver.emulator.auth.SigV4Verifier;
import java.net.URI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The emulator's one HTTP port: a Jetty server (core API) in front of the {@link ServiceRegistry}. */
public final class EdgeServer implements AutoCloseable {

    static {
        // Jetty otherwise asks the platform MBean server (JMX, ~0.3 s of startup) only to size cache-line
        // padding; 16 references per 64-byte line is right for compressed oops, harmless otherwise.
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    public EdgeServer(String host, int port, ServiceRegistry registry, SigV4Verifier verifier) {
        this.host = host;
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("edge");
        // Handlers block (long polls, file streaming): virtual threads make that cheap.
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("edge-vt"));
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        // JettyExchange writes the Date header: Jetty's own date generator loads the CLDR time-zone
        // names at start-up (a tenth of a second or more).
        config.setSendDateHeader(false);
        // S3 keys may hold "//", "..", encoded slashes: the path must reach the services as sent.
        config.setUriCompliance(UriCompliance.UNSAFE);
        // Signatures cover header values byte for byte: Jetty's header cache must not re-case them.
        config.setHeaderCacheCaseSensitive(true);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new EdgeHandler(registry, new AwsRouter(registry, verifier)));
        server.setStopTimeout(2_000);
    }

    public void start() throws Exception {
        server.start();
    }

    /** The base URL clients use; a wildcard bind address is advertised as {@code localhost}. */
    public URI endpoint() {
        String advertised = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
                : host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + advertised + ":" + connector.getLocalPort());
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping the HTTP server failed", e);
        }
    }
}
