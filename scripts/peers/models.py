"""The reference architectures in PyTorch (shapes from the project's reference definitions).

Layer stacks are nn.Sequential with the same indices as SdfLearn's, and VAEs/autoencoders are an EncoderDecoder, so
state-dict keys are identical on both sides (e.g. encoder.layers.0.weight, decoder.layers.11.bias): weights move
between the two as safetensors files."""
import torch
import torch.nn as nn


def gelu():
    return nn.GELU(approximate="tanh")


class ConvEncoder(nn.Module):
    def __init__(self, out_features, c=32, size=64):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(1, c, 3, 2, 1), gelu(), nn.Conv2d(c, c, 3, 1, 1), gelu(), nn.Conv2d(c, 2 * c, 3, 2, 1), gelu(),
            nn.Conv2d(2 * c, 2 * c, 3, 1, 1), gelu(), nn.Conv2d(2 * c, 2 * c, 3, 2, 1), gelu(),
            nn.Flatten(), nn.Linear(2 * c * (size // 8) ** 2, out_features))

    def forward(self, x):
        return self.layers(x)


class VanillaDecoder(nn.Module):
    def __init__(self, latent, c=32, size=64):
        super().__init__()
        s8 = size // 8
        self.layers = nn.Sequential(
            nn.Linear(latent, 2 * c * s8 ** 2), gelu(), nn.Unflatten(1, (2 * c, s8, s8)),
            nn.ConvTranspose2d(2 * c, 2 * c, 3, 2, 1, output_padding=1), gelu(), nn.Conv2d(2 * c, 2 * c, 3, 1, 1), gelu(),
            nn.ConvTranspose2d(2 * c, c, 3, 2, 1, output_padding=1), gelu(), nn.Conv2d(c, c, 3, 1, 1), gelu(),
            nn.ConvTranspose2d(c, 1, 3, 2, 1, output_padding=1))

    def forward(self, z):
        return self.layers(z)


class DeepSdfDecoder(nn.Module):
    """[z, coords] -> sdf; layers of width H with the input concatenated again after the third."""

    def __init__(self, latent, coord_dim=2, hidden=256):
        super().__init__()
        d_in = latent + coord_dim
        self.layers = nn.ModuleList([
            nn.Linear(d_in, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, hidden - d_in),
            nn.Linear(hidden, hidden), nn.Linear(hidden, hidden), nn.Linear(hidden, 1)])

    def forward(self, z, coords):
        inp = torch.cat([z, coords], dim=-1)
        x = inp
        for i, layer in enumerate(self.layers):
            if i == 3:
                x = torch.cat([x, inp], dim=-1)
            x = layer(x)
            if i < len(self.layers) - 1:
                x = torch.relu(x)
        return torch.tanh(x)


class EncoderDecoder(nn.Module):
    """Holds an encoder and a decoder under the names SdfLearn's Vae, DeepSdfVae and DeepSdfAutoencoder use."""

    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder, self.decoder = encoder, decoder
