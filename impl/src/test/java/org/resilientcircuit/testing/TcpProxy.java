package org.resilientcircuit.testing;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of PostgreSQL, for fault tests and for counting what a client sends.
 *
 * <ul>
 *   <li>{@link #cut()} closes every connection and refuses new ones (accepted, then closed at once);
 *       {@link #restore()} lets connections through again.</li>
 *   <li>{@link #freeze()} simulates a network partition: nothing is forwarded and nothing is closed, so
 *       a client waiting for an answer waits; new connections are accepted and hang the same way.
 *       {@link #heal()} lets new connections through, while the connections of the partition stay
 *       silent forever, as TCP connections do when their peer vanished without a reset.</li>
 *   <li>It speaks just enough of the PostgreSQL protocol to count statements: every simple Query and
 *       every Execute of the extended protocol a client sends. To read the stream it keeps it in clear:
 *       it answers an SSL or GSS encryption request with 'N' itself.</li>
 * </ul>
 */
public final class TcpProxy implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Connections caught in a partition: never forwarded again, never closed until the proxy closes. */
    private final Set<Socket> frozen = ConcurrentHashMap.newKeySet();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Object gate = new Object();
    private volatile boolean refusing;
    private volatile boolean freezing;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Statements (Query and Execute messages) clients sent through this proxy so far. */
    public long statements() {
        return statements.get();
    }

    public int connectionsAccepted() {
        return accepted.get();
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        refusing = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    public void restore() {
        refusing = false;
    }

    /** From now on nothing moves and nothing closes: the network path is gone. */
    public void freeze() {
        synchronized (gate) {
            freezing = true;
            frozen.addAll(open);
        }
    }

    /** The path is back for new connections; those caught in the partition stay silent. */
    public void heal() {
        synchronized (gate) {
            freezing = false;
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            Thread connector = new Thread(() -> connect(client), "tcp-proxy-conn-" + client.getPort());
            connector.setDaemon(true);
            connector.start();
        }
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        open.add(client);
        open.add(upstream);
        try {
            client.setTcpNoDelay(true);
            if (freezing) {
                frozen.add(client);
                frozen.add(upstream);
            }
            awaitPassage(client);
            upstream.connect(target, 2_000);
            upstream.setTcpNoDelay(true);
            if (refusing) {
                throw new SocketException("cut");
            }
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Thread back = new Thread(() -> pump(upstream, client, false), "tcp-proxy-down-" + client.getPort());
        back.setDaemon(true);
        back.start();
        pump(client, upstream, true);
    }

    /** Blocks while this connection may not move: during a freeze, and forever once it was caught in one. */
    private void awaitPassage(Socket socket) throws InterruptedException {
        synchronized (gate) {
            while ((freezing || frozen.contains(socket)) && !closed) {
                gate.wait(1_000);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean clientSide) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = new BufferedOutputStream(to.getOutputStream(), 16 * 1024);
            if (clientSide) {
                pumpClientMessages(new DataInputStream(in), out, from.getOutputStream(), from);
            } else {
                byte[] buffer = new byte[16 * 1024];
                for (int n; (n = in.read(buffer)) >= 0;) {
                    awaitPassage(from);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // a side closed, or cut()
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Client to server, message by message: the untyped start-up messages, then typed messages. */
    private void pumpClientMessages(DataInputStream in, OutputStream out, OutputStream toClient, Socket client)
            throws IOException, InterruptedException {
        for (;;) {
            int length = in.readInt();
            int code = in.readInt();
            awaitPassage(client);
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                toClient.write('N');
                toClient.flush();
                continue;
            }
            byte[] rest = in.readNBytes(length - 8);
            out.write(intBytes(length));
            out.write(intBytes(code));
            out.write(rest);
            out.flush();
            if (code == CANCEL_REQUEST) {
                return;
            }
            break; // the start-up message
        }
        for (;;) {
            int type = in.read();
            if (type < 0) {
                throw new EOFException();
            }
            int length = in.readInt();
            byte[] body = in.readNBytes(length - 4);
            if (body.length != length - 4) {
                throw new EOFException();
            }
            awaitPassage(client);
            if (type == 'Q' || type == 'E') {
                statements.incrementAndGet();
            }
            out.write(type);
            out.write(intBytes(length));
            out.write(body);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        synchronized (gate) {
            gate.notifyAll();
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        for (Socket socket : frozen) {
            closeQuietly(socket);
        }
        frozen.clear();
    }
}
