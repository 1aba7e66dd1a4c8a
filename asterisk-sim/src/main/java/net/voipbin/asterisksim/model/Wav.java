package net.voipbin.asterisksim.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Recorded files: canonical 44-byte-header PCM WAV, 8 kHz, 16-bit, mono, silence of the recorded length. */
public final class Wav {
    private Wav() {
    }

    public static byte[] silence(long durationMs) {
        int dataLen = (int) (durationMs * 8000 / 1000) * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataLen).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataLen);
        return b.array();
    }
}
