import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/authorize.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export class MapConfigDto {
  @ApiProperty({ description: 'Leaflet tile URL template ({z}/{x}/{y}, optional {s}); OpenStreetMap unless MAP_TILE_URL says otherwise', example: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' })
  tileUrl: string;
  @ApiProperty({ description: 'Credit to show on the map for the tiles', example: '© OpenStreetMap contributors' })
  attribution: string;
}

/**
 * Where the maps take their tiles from (MAP_TILE_URL), for the dashboard's map and the public report
 * page, which has no account: nothing secret, the same for everyone.
 */
@ApiTags('public')
@Controller('public/map')
export class PublicMapController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: MapConfigDto })
  get(): MapConfigDto {
    return { tileUrl: this.config.mapTileUrl, attribution: this.config.mapTileAttribution };
  }
}
