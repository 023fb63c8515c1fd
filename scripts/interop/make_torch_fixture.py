#!/usr/bin/env python3
"""Writes SdfLearn.Tests/Nn/Serialization/Fixtures/torch_written.safetensors: the peer's PyTorch models, shrunk
(S = 16, c = 4, L = 3, H = 16), with inputs and PyTorch's outputs, so a test checks that weights written by PyTorch load
into SdfLearn under the same names and give the same outputs.

  /usr/bin/python3 scripts/interop/make_torch_fixture.py

Keys: vae.<state-dict name>, ae.<state-dict name> (the models' weights); in.images [2, 1, 16, 16],
in.coordinates [2, 5, 2]; out.vae_encoded [2, 2L] (mu | log-variance), out.vae_decoded [2, 1, 16, 16] (the decoder
at mu), out.ae_sdf [10, 1] (the autoencoder at the coordinates)."""
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "peers"))
from models import ConvEncoder, DeepSdfDecoder, EncoderDecoder, VanillaDecoder  # noqa: E402
from safetensors_interop import write_tensors  # noqa: E402

S, C, L, H, B, P = 16, 4, 3, 16, 2, 5


def main():
    torch.manual_seed(7)
    vae = EncoderDecoder(ConvEncoder(2 * L, c=C, size=S), VanillaDecoder(L, c=C, size=S))
    ae = EncoderDecoder(ConvEncoder(L, c=C, size=S), DeepSdfDecoder(L, hidden=H))
    images = torch.rand(B, 1, S, S) * 0.6 - 0.1
    coords = torch.rand(B, P, 2) - 0.5
    with torch.no_grad():
        encoded = vae.encoder(images)
        decoded = vae.decoder(encoded[:, :L])
        z = ae.encoder(images)
        sdf = ae.decoder(z[:, None, :].expand(B, P, L).reshape(-1, L), coords.reshape(-1, 2))
    tensors = {f"vae.{k}": v for k, v in vae.state_dict().items()}
    tensors.update({f"ae.{k}": v for k, v in ae.state_dict().items()})
    tensors.update({"in.images": images, "in.coordinates": coords, "out.vae_encoded": encoded,
                    "out.vae_decoded": decoded, "out.ae_sdf": sdf})
    entries = [(k, "F32", tuple(v.shape), v.contiguous().numpy().astype("<f4").tobytes()) for k, v in tensors.items()]
    path = os.path.join(HERE, "..", "..", "SdfLearn.Tests", "Nn", "Serialization", "Fixtures", "torch_written.safetensors")
    write_tensors(os.path.normpath(path), entries, {"format": "pt", "producer": f"pytorch {torch.__version__} make_torch_fixture.py"})


if __name__ == "__main__":
    main()
