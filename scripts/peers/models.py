"""The reference architectures in PyTorch (shapes from the project's reference definitions)."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def gelu(x):
    return F.gelu(x, approximate="tanh")


class ConvEncoder(nn.Module):
    def __init__(self, out_features, c=32, size=64):
        super().__init__()
        self.layers = nn.ModuleList([
            nn.Conv2d(1, c, 3, 2, 1), nn.Conv2d(c, c, 3, 1, 1), nn.Conv2d(c, 2 * c, 3, 2, 1),
            nn.Conv2d(2 * c, 2 * c, 3, 1, 1), nn.Conv2d(2 * c, 2 * c, 3, 2, 1)])
        self.fc = nn.Linear(2 * c * (size // 8) ** 2, out_features)

    def forward(self, x):
        for conv in self.layers:
            x = gelu(conv(x))
        return self.fc(x.flatten(1))


class VanillaDecoder(nn.Module):
    def __init__(self, latent, c=32, size=64):
        super().__init__()
        self.c, self.s8 = c, size // 8
        self.fc = nn.Linear(latent, 2 * c * self.s8 ** 2)
        self.layers = nn.ModuleList([
            nn.ConvTranspose2d(2 * c, 2 * c, 3, 2, 1, output_padding=1), nn.Conv2d(2 * c, 2 * c, 3, 1, 1),
            nn.ConvTranspose2d(2 * c, c, 3, 2, 1, output_padding=1), nn.Conv2d(c, c, 3, 1, 1),
            nn.ConvTranspose2d(c, 1, 3, 2, 1, output_padding=1)])

    def forward(self, z):
        x = gelu(self.fc(z)).view(-1, 2 * self.c, self.s8, self.s8)
        for i, layer in enumerate(self.layers):
            x = layer(x)
            if i < len(self.layers) - 1:
                x = gelu(x)
        return x


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
                x = F.relu(x)
        return torch.tanh(x)
