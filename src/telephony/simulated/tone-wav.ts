/**
 * A short WAV file: a sine tone, PCM 8 kHz mono 8-bit (a telephone's rate), so a recording made on the
 * simulated carrier plays in any browser.
 */
export function toneWav(seconds: number, hz: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // size of the fmt chunk
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28); // bytes per second
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  // Unsigned 8-bit samples around 128, at a third of full scale, faded in and out so it does not click.
  const fade = rate / 50;
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - i) / fade);
    wav[44 + i] = Math.round(128 + 42 * envelope * Math.sin((2 * Math.PI * hz * i) / rate));
  }
  return wav;
}
