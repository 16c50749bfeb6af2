package dev.gsync.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between gsync and Google: a TCP relay on 127.0.0.1 in front of the emulator. {@link #cut()} closes
 * the port and every open connection (new connections are refused, as when a link goes down or a server restarts);
 * {@link #restore()} listens again on the same port.
 */
final class TcpCut implements AutoCloseable {
    private final int target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpCut(int target) throws IOException {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    int port() { return port; }

    synchronized void cut() throws IOException {
        if (listener != null) listener.close();
        listener = null;
        for (Socket s : open) {
            try { s.close(); } catch (IOException ignored) { /* already gone */ }
        }
        open.clear();
    }

    synchronized void restore() throws IOException {
        if (listener != null) return;
        listener = listen(port);
        accept(listener);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return s;
    }

    private void accept(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(in);
                    open.add(out);
                    pump(in, out);
                    pump(out, in);
                } catch (IOException e) {
                    // closed by cut(), or the emulator is down: the client sees its connection end
                }
            }
        }, "tcp-cut-accept");
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed
            } finally {
                try { from.close(); to.close(); } catch (IOException ignored) { /* closing */ }
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-cut-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException { cut(); }
}
