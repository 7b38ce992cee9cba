package xray.live;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A workload with known memory, driven line by line on stdin, for the live tests:
 * {@code anon MIB} allocates and touches that much native (anonymous) memory,
 * {@code read PATH} reads a file into the page cache, {@code shm PATH MIB} writes a tmpfs file.
 * Answers "ok" after each command.
 */
public final class Workload {
    private Workload() {
    }

    public static void main(String[] args) throws IOException {
        List<ByteBuffer> keep = new ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            String[] f = line.trim().split(" ");
            switch (f[0]) {
                case "anon" -> {
                    // Direct buffers are malloc'd and zeroed: every page is touched, and none is heap.
                    int mib = Integer.parseInt(f[1]);
                    for (int i = 0; i < mib; i++) {
                        keep.add(ByteBuffer.allocateDirect(1 << 20));
                    }
                }
                case "read" -> {
                    byte[] buf = new byte[1 << 16];
                    try (InputStream s = new FileInputStream(f[1])) {
                        while (s.read(buf) >= 0) {
                            // only the page cache matters
                        }
                    }
                }
                case "shm" -> {
                    byte[] mib = new byte[1 << 20];
                    java.util.Arrays.fill(mib, (byte) 7);
                    try (FileOutputStream o = new FileOutputStream(f[1])) {
                        for (int i = 0; i < Integer.parseInt(f[2]); i++) {
                            o.write(mib);
                        }
                    }
                }
                default -> {
                    System.out.println("unknown " + line);
                    continue;
                }
            }
            System.out.println("ok");
            System.out.flush();
        }
    }
}
